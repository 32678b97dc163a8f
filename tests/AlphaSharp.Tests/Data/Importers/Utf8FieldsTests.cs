using System.Globalization;
using System.Text;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Importers;

public class Utf8FieldsTests
{
    private static float Parse(string s)
    {
        Assert.True(Utf8Fields.TryParseFloat(Encoding.UTF8.GetBytes(s), out var v), s);
        return v;
    }

    [Theory]
    [InlineData("12.61")]
    [InlineData("-3.5")]
    [InlineData("0")]
    [InlineData("104301456")]
    [InlineData("180938672721")]
    [InlineData("0.000123")]
    [InlineData("1e-3")]
    [InlineData("1.5E+10")]
    [InlineData("3.4028235E+38")]
    [InlineData("16777217")] // 2^24 + 1: not a float, must round to even like float.Parse
    [InlineData("0.1")]
    [InlineData("+7.25")]
    public void Matches_float_Parse_bit_for_bit(string text)
    {
        var expected = float.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(Parse(text)));
    }

    [Fact]
    public void Random_decimals_match_float_Parse_bit_for_bit()
    {
        var rng = new Random(20240601);
        for (var k = 0; k < 200_000; k++)
        {
            var digits = rng.Next(1, 19);
            var sb = new StringBuilder();
            if (rng.Next(4) == 0) sb.Append('-');
            for (var d = 0; d < digits; d++) sb.Append((char)('0' + rng.Next(10)));
            if (rng.Next(2) == 0) sb.Insert(sb.Length - rng.Next(0, digits), '.');
            var text = sb.ToString();
            if (text.EndsWith('-') || text is "-" or "." or "-.") continue;
            var expected = float.Parse(text, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(Parse(text)), text);
        }
    }

    [Fact]
    public void Midpoint_decimal_takes_the_exact_path()
    {
        // 1 + 2^-24 lies exactly halfway between the floats 1 and 1 + 2^-23: ties go to even (1.0).
        Assert.Equal(1.0f, Parse("1.000000059604644775390625"));
        // A hair above the midpoint rounds up; a double-rounding parser would give 1.0 here.
        Assert.Equal(1.0000001f, Parse("1.0000000596046448"));
    }

    [Fact]
    public void Empty_is_NaN_and_text_is_rejected()
    {
        Assert.True(float.IsNaN(Parse("")));
        foreach (var bad in new[] { "abc", "1.2.3", "-", "12a", "1,5" })
            Assert.False(Utf8Fields.TryParseFloat(Encoding.UTF8.GetBytes(bad), out _), bad);
    }

    [Fact]
    public void Dates_parse_iso_and_compact_and_reject_impossible_days()
    {
        Assert.True(Utf8Fields.TryParseDate("2011-01-04", out var d));
        Assert.Equal(new DateOnly(2011, 1, 4), d);
        Assert.True(Utf8Fields.TryParseDate("20200229", out d));
        Assert.Equal(new DateOnly(2020, 2, 29), d);
        foreach (var bad in new[] { "2021-02-29", "2011-13-01", "2011/01/04", "11-01-04", "", "2011-01-4" })
            Assert.False(Utf8Fields.TryParseDate(bad, out _), bad);
    }
}
