using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AlphaSharp.Common;

namespace AlphaSharp.Data.Qlib;

/// <summary>
/// One <c>&lt;field&gt;.day.bin</c>: little-endian float32, the first value is the calendar index of the first day as a
/// float, then one value per calendar day from there. Values are copied as raw bits, so NaN payloads survive.
/// </summary>
public static class QlibBinFile
{
    /// <summary>A field's values on the calendar days <c>Start .. Start + Values.Length - 1</c>.</summary>
    public readonly record struct Series(int Start, float[] Values);

    public static Series Read(string path, int calendarLength)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: file not found");
        }
        var (start, count) = Header(path, bytes, calendarLength);
        var values = new float[count];
        var payload = bytes.AsSpan(4);
        if (BitConverter.IsLittleEndian) payload.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        else
            for (var k = 0; k < count; k++)
                values[k] = BinaryPrimitives.ReadSingleLittleEndian(payload.Slice(4 * k, 4));
        return new Series(start, values);
    }

    /// <summary>
    /// Reads a file straight into <paramref name="row"/> (one instrument's full-calendar series) at its start index,
    /// through <paramref name="buffer"/>, which grows as needed and is meant to be reused: a large import then allocates
    /// nothing per file. Returns the calendar index of the first value and the count of values.
    /// </summary>
    public static (int Start, int Count) ReadInto(string path, Span<float> row, ref byte[] buffer)
    {
        var calendarLength = row.Length;
        int length;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            var size = RandomAccess.GetLength(handle);
            if (size > int.MaxValue) throw new InputException($"{path}: {size} bytes is far longer than any calendar; is this a Qlib .day.bin file?");
            if (buffer.Length < size) buffer = new byte[Math.Max((int)size, 2 * buffer.Length)];
            length = 0;
            while (length < size)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(length, (int)size - length), length);
                if (n == 0) break;
                length += n;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: file not found");
        }
        var bytes = buffer.AsSpan(0, length);
        var (start, count) = Header(path, bytes, calendarLength);
        var payload = bytes.Slice(4, 4 * count);
        var dst = row.Slice(start, count);
        if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, float>(payload).CopyTo(dst);
        else
            for (var k = 0; k < count; k++)
                dst[k] = BinaryPrimitives.ReadSingleLittleEndian(payload.Slice(4 * k, 4));
        return (start, count);
    }

    private static (int Start, int Count) Header(string path, ReadOnlySpan<byte> bytes, int calendarLength)
    {
        if (bytes.Length == 0)
            throw new InputException($"{path}: empty file; a .day.bin file starts with a float32 calendar index");
        if (bytes.Length % 4 != 0)
            throw new InputException($"{path}: truncated: {bytes.Length} bytes is not a whole number of float32 values; re-export the file");
        var first = BinaryPrimitives.ReadSingleLittleEndian(bytes);
        if (!(first >= 0) || first != MathF.Floor(first) || first >= calendarLength)
            throw new InputException($"{path}: first value {first} is not a calendar index in 0..{calendarLength - 1} (calendars/day.txt has {calendarLength} days); is this a Qlib .day.bin file?");
        var start = (int)first;
        var count = bytes.Length / 4 - 1;
        if (start + count > calendarLength)
            throw new InputException($"{path}: {count} values from calendar day {start} run {start + count - calendarLength} day(s) past the end of calendars/day.txt ({calendarLength} days)");
        return (start, count);
    }

    public static void Write(string path, int start, ReadOnlySpan<float> values)
    {
        var bytes = new byte[4 * (values.Length + 1)];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, start);
        if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(values).CopyTo(bytes.AsSpan(4));
        else
            for (var k = 0; k < values.Length; k++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 + 4 * k, 4), values[k]);
        File.WriteAllBytes(path, bytes);
    }
}
