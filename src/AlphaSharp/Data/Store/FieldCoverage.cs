namespace AlphaSharp.Data;

/// <summary>How much of a field is there: values present over the days that matter.</summary>
public static class FieldCoverage
{
    /// <summary>
    /// Share of member-days with a value: over every (day, member) of the universe, including members the panel has
    /// no data for (those count as missing). Without a universe, the share of all panel cells with a value.
    /// </summary>
    public static double Of(MarketData data, string field)
    {
        var values = data.Panel.Field(field);
        if (data.Universe is null)
        {
            long present = 0;
            foreach (var v in values) if (!float.IsNaN(v)) present++;
            return values.Length == 0 ? 0 : (double)present / values.Length;
        }
        var memberDays = MemberDays(data.Universe, data.Calendar.Count);
        var mask = data.Universe.MaskFor(data.Panel);
        long withValue = 0;
        for (var k = 0; k < values.Length; k++)
            if (mask[k] && !float.IsNaN(values[k])) withValue++;
        return memberDays == 0 ? 0 : (double)withValue / memberDays;
    }

    public static long MemberDays(Universe universe, int days)
    {
        long total = 0;
        for (var t = 0; t < days; t++) total += universe.CountOn(t);
        return total;
    }
}
