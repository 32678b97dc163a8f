using System.Globalization;
using System.Runtime.CompilerServices;

namespace AlphaSharp.Data;

/// <summary>Culture-free parsing of CSV fields straight from UTF-8 bytes, without allocating.</summary>
public static class Utf8Fields
{
    private static readonly double[] Pow10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses a float32 the way <c>float.Parse(s, CultureInfo.InvariantCulture)</c> does (correctly rounded), or
    /// returns false. Empty means missing and gives NaN. The fast path handles plain decimals of up to 18 digits:
    /// mantissa / 10^k is one correctly rounded double operation, and rounding that double to float is exact unless it
    /// lands on a float midpoint, which goes to the slow path, so no double-rounding error slips through.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseFloat(ReadOnlySpan<byte> s, out float value)
    {
        if (s.IsEmpty) { value = float.NaN; return true; }
        var i = 0;
        var negative = false;
        if (s[0] == (byte)'-') { negative = true; i = 1; }
        else if (s[0] == (byte)'+') i = 1;
        ulong mantissa = 0;
        var digits = 0;
        var fraction = 0;
        var seenDot = false;
        var any = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                any = true;
                if (mantissa != 0 || d != 0) digits++;
                mantissa = mantissa * 10 + d;
                if (seenDot) fraction++;
                if (digits > 18) return SlowParse(s, out value);
            }
            else if (c == (byte)'.' && !seenDot) seenDot = true;
            else return SlowParse(s, out value);
        }
        // Beyond 2^53 the mantissa itself would be rounded before the division.
        if (!any || fraction > 22 || mantissa > (1UL << 53)) return SlowParse(s, out value);
        var x = mantissa / Pow10[fraction];
        var bits = BitConverter.DoubleToUInt64Bits(x);
        // A double exactly halfway between two floats has its 29 low mantissa bits equal to 1000...0.
        if ((bits & 0x1FFFFFFFUL) == 0x10000000UL) return SlowParse(s, out value);
        value = (float)(negative ? -x : x);
        return true;
    }

    private static bool SlowParse(ReadOnlySpan<byte> s, out float value) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses <c>yyyy-MM-dd</c> (or <c>yyyyMMdd</c>) into a date, or returns false.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        int y, m, d;
        if (s.Length == 10 && s[4] == (byte)'-' && s[7] == (byte)'-')
        {
            if (!Digits(s[..4], out y) || !Digits(s.Slice(5, 2), out m) || !Digits(s.Slice(8, 2), out d)) return false;
        }
        else if (s.Length == 8)
        {
            if (!Digits(s[..4], out y) || !Digits(s.Slice(4, 2), out m) || !Digits(s.Slice(6, 2), out d)) return false;
        }
        else return false;
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>Parses a date from text, accepting the same forms as the UTF-8 overload.</summary>
    public static bool TryParseDate(string s, out DateOnly date)
    {
        Span<byte> buf = stackalloc byte[16];
        if (s.Length > buf.Length || System.Text.Encoding.UTF8.GetBytes(s.AsSpan(), buf) != s.Length) { date = default; return false; }
        return TryParseDate(buf[..s.Length], out date);
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            var d = (uint)(c - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }
        return true;
    }

    /// <summary>A field as text for an error message, shortened so the message stays one readable line.</summary>
    public static string Show(ReadOnlySpan<byte> s)
    {
        var text = System.Text.Encoding.UTF8.GetString(s.Length > 40 ? s[..40] : s);
        return s.Length > 40 ? text + "..." : text;
    }
}
