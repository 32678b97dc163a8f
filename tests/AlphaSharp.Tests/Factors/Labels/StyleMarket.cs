using AlphaSharp.Data;

namespace AlphaSharp.Tests.Factors.Labels;

/// <summary>A seeded random market with every field the style model reads: 24 stocks x 160 days, 3 industries.</summary>
internal static class StyleMarket
{
    public const int Days = 160, Stocks = 24;

    public static readonly StyleOptionsFor Small = new();

    // The base generator is drawn on every day either way, so a perturbed market matches the clean one up to the cut.
    private static double Draw(Random rng, Random noise, bool late)
    {
        var u = rng.NextDouble();
        return late ? noise.NextDouble() : u;
    }

    public static MarketData Build(int seed, int perturbAfter = int.MaxValue, int perturbSeed = 0)
    {
        var rng = new Random(seed);
        var noise = new Random(perturbSeed);
        var days = new List<DateOnly>();
        for (var d = new DateOnly(2020, 1, 1); days.Count < Days; d = d.AddDays(1))
            if (d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday) days.Add(d);
        var symbols = Enumerable.Range(0, Stocks).Select(i => $"S{i:D2}").ToArray();
        var panel = new Panel(new Calendar(days), symbols);
        var close = panel.SetField("close");
        var volume = panel.SetField("volume");
        var factor = panel.SetField("factor");
        var floatMv = panel.SetField("float_mv");
        var turnover = panel.SetField("turnover");
        var pb = panel.SetField("pb");
        var pe = panel.SetField("pe_ttm");
        var bench = new float[Days];
        var level = 1000.0;
        var market = new double[Days];
        for (var t = 0; t < Days; t++)
        {
            market[t] = Draw(rng, noise, t > perturbAfter) * 0.04 - 0.02;
            level *= 1 + market[t];
            bench[t] = (float)level;
        }
        for (var i = 0; i < Stocks; i++)
        {
            var price = 10.0 + i;
            var beta = 0.5 + i / 16.0;
            var shares = 1e8 * (1 + i % 7);
            for (var t = 0; t < Days; t++)
            {
                var late = t > perturbAfter;
                var at = i * Days + t;
                price *= 1 + beta * market[t] + Draw(rng, noise, late) * 0.03 - 0.015;
                var halt = Draw(rng, noise, late);
                var size = Draw(rng, noise, late);
                var suspended = (i == 3 && t is >= 40 and < 50) || halt < 0.01;
                close[at] = (float)price;
                volume[at] = suspended ? 0 : (float)(1e6 * (1 + size));
                factor[at] = 1;
                floatMv[at] = (float)(price * shares);
                turnover[at] = suspended ? 0 : (float)(100 * volume[at] / shares);
                var u = Draw(rng, noise, late);
                pb[at] = i % 5 == 0 ? float.NaN : (float)(0.5 + u * 4);
                var v = Draw(rng, noise, late);
                pe[at] = i % 4 == 0 ? float.NaN : (float)(v * 60 - 10);
            }
        }
        var spells = symbols.Select((s, i) => new MembershipSpell(s, days[i % 3 == 0 ? 20 : 0], days[^1])).ToList();
        if (perturbAfter < Days - 1)
            spells = spells.Select((s, i) => i % 5 == 1 ? s with { End = days[perturbAfter + 1] } : s).ToList();
        return new MarketData(panel)
        {
            Universe = new Universe("test", panel.Calendar, spells),
            Benchmark = new BenchmarkSeries("IDX", bench, bench, bench, bench, new float[Days]),
            Industry = symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => $"ind{p.i % 3}"),
        };
    }
}

/// <summary>Windows short enough for the 160-day market.</summary>
internal sealed class StyleOptionsFor
{
    public AlphaSharp.Factors.Labels.StyleOptions Options { get; } = new()
    {
        BetaWindow = 60, BetaMinObservations = 30, MomentumWindow = 60, MomentumSkip = 5, MomentumMinObservations = 30,
        LiquidityWindow = 10, LiquidityMinObservations = 5, MinCoverage = 0.7,
    };
}
