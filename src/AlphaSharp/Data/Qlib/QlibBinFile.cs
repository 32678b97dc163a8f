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
        var values = new float[count];
        var payload = bytes.AsSpan(4);
        if (BitConverter.IsLittleEndian) payload.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        else
            for (var k = 0; k < count; k++)
                values[k] = BinaryPrimitives.ReadSingleLittleEndian(payload.Slice(4 * k, 4));
        return new Series(start, values);
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
