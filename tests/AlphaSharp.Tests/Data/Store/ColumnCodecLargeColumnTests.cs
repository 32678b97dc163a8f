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
}
