using System.IO.Compression;
using System.Runtime.InteropServices;

namespace AlphaSharp.Data;

/// <summary>How a float32 column file is encoded: a byte layout, then a compressor.</summary>
public enum ColumnEncoding
{
    /// <summary>The float bytes as they are, Brotli: smallest for 2-decimal prices, whose repeated 4-byte values Brotli matches whole.</summary>
    BrotliPlain,
    /// <summary>The float bytes as they are, zlib.</summary>
    ZlibPlain,
    /// <summary>Byte planes (all first bytes, then all second bytes, ...), zlib: volumes, amounts, ratios.</summary>
    ZlibShuffle,
}

/// <summary>
/// Lossless float32 column compression, measured on the CSI 300 panel (696 x 2917 = 2.03 M floats, 8.1 MB a field):
/// plain bytes + Brotli (quality 5) take prices to ~2.9 MB against ~3.35 MB for zlib and ~3.3 MB for any shuffled form;
/// on volume, amount and valuation fields byte-shuffled zlib is as small as shuffled Brotli (5.2 MB for volume) and
/// decodes 1.5-4x faster; XOR- or delta-with-previous on the float bits was larger than either. Brotli quality 9 gained
/// under 5 % for 4-10x the encoding time. So each column is encoded the three ways and the smallest is kept, except
/// that zlib wins unless Brotli is more than 5 % smaller, because loading speed matters more than the last megabyte.
/// </summary>
public static class ColumnCodec
{
    private const int BrotliQuality = 5;
    private const int BrotliWindow = 24;

    public static string Name(ColumnEncoding e) => e switch
    {
        ColumnEncoding.BrotliPlain => "brotli-plain",
        ColumnEncoding.ZlibPlain => "zlib-plain",
        ColumnEncoding.ZlibShuffle => "zlib-byte-shuffle",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    public static bool TryParse(string name, out ColumnEncoding encoding)
    {
        foreach (var e in Enum.GetValues<ColumnEncoding>())
            if (Name(e) == name) { encoding = e; return true; }
        encoding = default;
        return false;
    }

    /// <summary>
    /// Above this many values, trying all three encodings on the whole column costs minutes and gigabytes (a column of
    /// the full public A-share tree, 7,200 x 3,966, is 114 MB): the encoding is chosen on an evenly spread sample of
    /// <see cref="SampleChunks"/> runs of <see cref="SampleChunk"/> values and only the winner encodes the whole column.
    /// The shipped CSI 300 store (2 M values a column) stays below it.
    /// </summary>
    public const int SampleAbove = 4 << 20;
    private const int SampleChunk = 1 << 17;
    private const int SampleChunks = 16;

    public static (byte[] Bytes, ColumnEncoding Encoding) Encode(ReadOnlySpan<float> values)
    {
        if (values.Length <= SampleAbove) return EncodeEachWay(values);
        var encoding = EncodeEachWay(Sample(values)).Encoding;
        return (EncodeAs(values, encoding), encoding);
    }

    /// <summary>
    /// Encodes a column into a new file at <paramref name="path"/> and returns its size and encoding. Columns up to
    /// <see cref="SampleAbove"/> values are encoded exactly as <see cref="Encode"/> does. Larger ones choose on a sample
    /// and then stream straight into the file in chunks, with zlib at its default level instead of its smallest:
    /// at 114 MB a column, level 9 took 8-26 s a column and holding the column's shuffled and compressed copies in
    /// memory took gigabytes, for about 2 % of file size.
    /// </summary>
    public static (long Bytes, ColumnEncoding Encoding) EncodeToFile(ReadOnlySpan<float> values, string path)
    {
        if (values.Length <= SampleAbove)
        {
            var (bytes, chosen) = EncodeEachWay(values);
            File.WriteAllBytes(path, bytes);
            return (bytes.Length, chosen);
        }
        var encoding = EncodeEachWay(Sample(values)).Encoding;
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        switch (encoding)
        {
            case ColumnEncoding.BrotliPlain:
                StreamBrotli(MemoryMarshal.AsBytes(values), file);
                break;
            case ColumnEncoding.ZlibPlain:
                using (var z = new ZLibStream(file, CompressionLevel.Optimal, leaveOpen: true)) z.Write(MemoryMarshal.AsBytes(values));
                break;
            default:
                using (var z = new ZLibStream(file, CompressionLevel.Optimal, leaveOpen: true)) StreamShuffled(values, z);
                break;
        }
        file.Flush();
        return (file.Length, encoding);
    }

    private const int StreamChunk = 1 << 20;

    /// <summary>The byte planes of <see cref="Shuffle"/>, written a chunk at a time instead of built whole.</summary>
    private static void StreamShuffled(ReadOnlySpan<float> values, Stream output)
    {
        var chunk = new byte[StreamChunk];
        var bits = MemoryMarshal.Cast<float, uint>(values);
        for (var plane = 0; plane < 4; plane++)
        {
            var shift = 8 * plane;
            for (var from = 0; from < bits.Length; from += StreamChunk)
            {
                var n = Math.Min(StreamChunk, bits.Length - from);
                var src = bits.Slice(from, n);
                for (var k = 0; k < n; k++) chunk[k] = (byte)(src[k] >> shift);
                output.Write(chunk, 0, n);
            }
        }
    }

    private static void StreamBrotli(ReadOnlySpan<byte> raw, Stream output)
    {
        using var encoder = new BrotliEncoder(BrotliQuality, BrotliWindow);
        var buffer = new byte[StreamChunk];
        var from = 0;
        while (true)
        {
            var last = raw.Length - from <= StreamChunk;
            var status = encoder.Compress(raw.Slice(from, Math.Min(StreamChunk, raw.Length - from)), buffer, out var consumed, out var written, isFinalBlock: last);
            output.Write(buffer, 0, written);
            from += consumed;
            if (status == System.Buffers.OperationStatus.InvalidData) throw new InvalidOperationException("Brotli refused a column");
            // Done on the final block means everything is out; DestinationTooSmall means call again for the rest.
            if (last && status == System.Buffers.OperationStatus.Done) return;
        }
    }

    /// <summary>One encoding of the whole column.</summary>
    public static byte[] EncodeAs(ReadOnlySpan<float> values, ColumnEncoding encoding) => encoding switch
    {
        ColumnEncoding.BrotliPlain => Brotli(MemoryMarshal.AsBytes(values)),
        ColumnEncoding.ZlibPlain => Zlib(MemoryMarshal.AsBytes(values)),
        ColumnEncoding.ZlibShuffle => Zlib(Shuffle(values)),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    private static float[] Sample(ReadOnlySpan<float> values)
    {
        var sample = new float[SampleChunks * SampleChunk];
        var stride = (values.Length - SampleChunk) / (SampleChunks - 1);
        for (var k = 0; k < SampleChunks; k++)
            values.Slice(k * stride, SampleChunk).CopyTo(sample.AsSpan(k * SampleChunk));
        return sample;
    }

    private static (byte[] Bytes, ColumnEncoding Encoding) EncodeEachWay(ReadOnlySpan<float> values)
    {
        var plain = MemoryMarshal.AsBytes(values);
        var shuffled = Shuffle(values);
        var zlibPlain = Zlib(plain);
        var zlibShuffle = Zlib(shuffled);
        var (zlib, zlibEncoding) = zlibShuffle.Length <= zlibPlain.Length
            ? (zlibShuffle, ColumnEncoding.ZlibShuffle)
            : (zlibPlain, ColumnEncoding.ZlibPlain);
        var brotli = Brotli(plain);
        return brotli.Length < 0.95 * zlib.Length ? (brotli, ColumnEncoding.BrotliPlain) : (zlib, zlibEncoding);
    }

    /// <summary>Decodes into <paramref name="destination"/>; false if the bytes do not decode to exactly its length.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, ColumnEncoding encoding, Span<float> destination)
    {
        var target = MemoryMarshal.AsBytes(destination);
        switch (encoding)
        {
            case ColumnEncoding.BrotliPlain:
                return Unbrotli(encoded, target);
            case ColumnEncoding.ZlibPlain:
                return Unzlib(encoded, target);
            case ColumnEncoding.ZlibShuffle:
                var planes = System.Buffers.ArrayPool<byte>.Shared.Rent(target.Length);
                try
                {
                    if (!Unzlib(encoded, planes.AsSpan(0, target.Length))) return false;
                    Unshuffle(planes.AsSpan(0, target.Length), destination);
                    return true;
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(planes);
                }
            default:
                return false;
        }
    }

    private static bool Unbrotli(ReadOnlySpan<byte> encoded, Span<byte> target)
    {
        using var decoder = new BrotliDecoder();
        var status = decoder.Decompress(encoded, target, out var consumed, out var written);
        return status == System.Buffers.OperationStatus.Done && consumed == encoded.Length && written == target.Length;
    }

    private static unsafe bool Unzlib(ReadOnlySpan<byte> encoded, Span<byte> target)
    {
        fixed (byte* p = encoded)
        {
            using var input = new UnmanagedMemoryStream(p, encoded.Length);
            using var z = new ZLibStream(input, CompressionMode.Decompress);
            try
            {
                var read = z.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
                if (read != target.Length) return false;
                Span<byte> probe = stackalloc byte[1];
                return z.Read(probe) == 0;
            }
            catch (InvalidDataException)
            {
                return false;
            }
        }
    }

    private static byte[] Brotli(ReadOnlySpan<byte> raw)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        if (!BrotliEncoder.TryCompress(raw, buffer, out var written, BrotliQuality, BrotliWindow))
            throw new InvalidOperationException("Brotli could not compress a column into its maximum-size buffer");
        return buffer.AsSpan(0, written).ToArray();
    }

    private static byte[] Zlib(ReadOnlySpan<byte> raw)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(raw);
        return ms.ToArray();
    }

    private static byte[] Shuffle(ReadOnlySpan<float> values)
    {
        var n = values.Length;
        var planes = new byte[n * 4];
        for (var k = 0; k < n; k++)
        {
            var bits = BitConverter.SingleToUInt32Bits(values[k]);
            planes[k] = (byte)bits;
            planes[n + k] = (byte)(bits >> 8);
            planes[2 * n + k] = (byte)(bits >> 16);
            planes[3 * n + k] = (byte)(bits >> 24);
        }
        return planes;
    }

    private static void Unshuffle(ReadOnlySpan<byte> planes, Span<float> values)
    {
        var n = values.Length;
        var b0 = planes[..n];
        var b1 = planes.Slice(n, n);
        var b2 = planes.Slice(2 * n, n);
        var b3 = planes.Slice(3 * n, n);
        for (var k = 0; k < n; k++)
            values[k] = BitConverter.UInt32BitsToSingle(b0[k] | (uint)b1[k] << 8 | (uint)b2[k] << 16 | (uint)b3[k] << 24);
    }
}
