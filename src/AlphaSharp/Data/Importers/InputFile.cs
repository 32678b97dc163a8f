using System.Buffers.Binary;
using System.IO.Compression;
using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>
/// Opens a data file as a byte stream, plain or gzip (told apart by the gzip magic bytes, not the file name),
/// and turns the ways a file can be unusable into one-line <see cref="InputException"/>s.
/// </summary>
public static class InputFile
{
    public static bool IsGzip(string path)
    {
        using var fs = OpenRaw(path);
        Span<byte> magic = stackalloc byte[2];
        return fs.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>Opens the file, failing with one line when it is missing, unreadable or empty.</summary>
    public static FileStream OpenRaw(string path)
    {
        FileStream fs;
        try
        {
            fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"{path}: permission denied");
        }
        if (fs.Length == 0)
        {
            fs.Dispose();
            throw new InputException($"{path}: empty file, expected a header line");
        }
        return fs;
    }

    /// <summary>
    /// The gzip trailer's ISIZE (uncompressed length mod 2^32) of a gzip file. .NET's GZipStream reports a clean end
    /// of stream when a file is cut short, so the reader compares this with what it decompressed to catch truncation.
    /// </summary>
    public static uint GzipTrailerSize(FileStream fs)
    {
        if (fs.Length < 18) return uint.MaxValue;
        Span<byte> tail = stackalloc byte[4];
        var at = fs.Position;
        fs.Position = fs.Length - 4;
        fs.ReadExactly(tail);
        fs.Position = at;
        return BinaryPrimitives.ReadUInt32LittleEndian(tail);
    }

    public static string TruncatedGzipMessage(string path, long decompressed) =>
        $"{path}: truncated or corrupt gzip (the stream ends after {decompressed:N0} decompressed bytes and does not match its trailer); re-copy or re-compress the file";

    /// <summary>Reads a whole small text file (plain or gzip) as UTF-8, with the same one-line errors.</summary>
    public static string ReadAllText(string path)
    {
        using var fs = OpenRaw(path);
        var gzip = IsGzipStream(fs);
        if (!gzip)
        {
            using var plain = new StreamReader(fs, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return plain.ReadToEnd();
        }
        var trailer = GzipTrailerSize(fs);
        using var gz = new GZipStream(fs, CompressionMode.Decompress, leaveOpen: true);
        using var ms = new MemoryStream();
        try
        {
            gz.CopyTo(ms);
        }
        catch (InvalidDataException)
        {
            throw new InputException(TruncatedGzipMessage(path, ms.Length));
        }
        if ((uint)ms.Length != trailer) throw new InputException(TruncatedGzipMessage(path, ms.Length));
        ms.Position = 0;
        using var reader = new StreamReader(ms, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    internal static bool IsGzipStream(FileStream fs)
    {
        Span<byte> magic = stackalloc byte[2];
        var n = fs.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        fs.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
