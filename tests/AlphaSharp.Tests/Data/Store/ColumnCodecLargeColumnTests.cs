using System.Runtime.InteropServices;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Store;

/// <summary>Columns past <see cref="ColumnCodec.SampleAbove"/> choose their encoding on a sample, then encode once.</summary>
public class ColumnCodecLargeColumnTests
{
    [Fact]
    public void A_large_column_gets_the_encoding_the_whole_column_rule_picks_and_decodes_bit_for_bit()
    {
        var rng = new Random(11);
        var n = ColumnCodec.SampleAbove + 1000;
        // Two-decimal prices (Brotli on plain bytes wins) and noisy volumes (byte-shuffled zlib wins), as in a panel.
        var prices = new float[n];
        var volumes = new float[n];
        for (var k = 0; k < n; k++)
        {
            prices[k] = (float)Math.Round(10 + (k / 7 % 40) * 0.01 + (k % 3) * 0.01, 2);
            volumes[k] = (float)Math.Round(1e6 * rng.NextDouble());
        }
        foreach (var (values, expected) in new[] { (prices, ColumnEncoding.BrotliPlain), (volumes, ColumnEncoding.ZlibShuffle) })
        {
            var (bytes, encoding) = ColumnCodec.Encode(values);
            Assert.Equal(expected, encoding);
            Assert.Equal(ColumnCodec.EncodeAs(values, encoding), bytes);
            var back = new float[n];
            Assert.True(ColumnCodec.TryDecode(bytes, encoding, back));
            Assert.True(values.AsSpan().SequenceEqual(back));
        }
    }

    [Fact]
    public void A_column_streamed_to_a_file_decodes_bit_for_bit_and_a_small_one_is_written_as_Encode_writes_it()
    {
        var rng = new Random(12);
        var n = ColumnCodec.SampleAbove + 3 * (1 << 20) / 2 + 17; // chunks of 1 Mi values plus a ragged end
        var prices = new float[n];
        var volumes = new float[n];
        for (var k = 0; k < n; k++)
        {
            prices[k] = k % 97 == 0 ? float.NaN : (float)Math.Round(10 + (k / 7 % 40) * 0.01 + (k % 3) * 0.01, 2);
            volumes[k] = k % 89 == 0 ? float.NaN : (float)Math.Round(1e6 * rng.NextDouble());
        }
        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-codec-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var (values, expected) in new[] { (prices, ColumnEncoding.BrotliPlain), (volumes, ColumnEncoding.ZlibShuffle) })
            {
                var path = Path.Combine(dir, $"{expected}.f32");
                var (bytes, encoding) = ColumnCodec.EncodeToFile(values, path);
                Assert.Equal(expected, encoding);
                Assert.Equal(new FileInfo(path).Length, bytes);
                var back = new float[n];
                Assert.True(ColumnCodec.TryDecode(File.ReadAllBytes(path), encoding, back));
                Assert.True(MemoryMarshal.AsBytes(values.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(back.AsSpan())));
            }
            var small = volumes.AsSpan(0, 1000).ToArray();
            var smallPath = Path.Combine(dir, "small.f32");
            var (_, smallEncoding) = ColumnCodec.EncodeToFile(small, smallPath);
            var (reference, referenceEncoding) = ColumnCodec.Encode(small);
            Assert.Equal(referenceEncoding, smallEncoding);
            Assert.Equal(reference, File.ReadAllBytes(smallPath));
        }
        finally { Directory.Delete(dir, true); }
    }
}
