using AlphaSharp.Data;

namespace AlphaSharp.Models.Tests.Support;

/// <summary>
/// A copy of a market that agrees with it up to day t and differs after it: prices, volumes and every other field
/// scaled by seeded noise, and the membership after t redrawn. What a model decided at or before t must not change.
/// </summary>
internal static class MarketPerturbation
{
    public static MarketData After(MarketData data, int t, int seed)
    {
        var source = data.Panel;
        var rng = new Random(seed);
        var panel = new Panel(source.Calendar, source.Symbols);
        foreach (var name in source.FieldNames)
        {
            var values = (float[])source.Field(name).Clone();
            for (var i = 0; i < source.N; i++)
                for (var d = t + 1; d < source.T; d++)
                    values[i * source.T + d] *= (float)(0.5 + rng.NextDouble());
            panel.SetField(name, values);
        }
        var calendar = source.Calendar;
        var spells = new List<MembershipSpell>();
        foreach (var s in data.Universe!.Spells)
        {
            if (s.Start > calendar[t]) continue;
            spells.Add(s with { End = s.End < calendar[t] ? s.End : calendar[t] });
        }
        for (var i = 0; i < source.N; i += 2)
            spells.Add(new MembershipSpell(source.Symbols[i], calendar[t + 1], calendar.Last));
        return new MarketData(panel) { Universe = new Universe(data.Universe.Name, calendar, spells) };
    }
}
