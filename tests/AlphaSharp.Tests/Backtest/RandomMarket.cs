using AlphaSharp.Backtest;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Backtest;

/// <summary>
/// A seeded random market with everything the rules react to: moves up to and at the price limits, suspensions
/// (flat fills, volume 0), factor changes, late listings, STAR and Shanghai/Shenzhen names, membership spells and
/// float market values. <see cref="Perturb"/> redraws everything dated after a cut day and leaves the rest alone.
/// </summary>
internal sealed class RandomMarket
{
    private static readonly string[] Prefixes = ["SH600", "SZ000", "SZ300", "SH688"];

    public RandomMarket(int seed, int n = 24, int days = 70)
    {
        N = n;
        T = days;
        Symbols = Enumerable.Range(0, n).Select(i => $"{Prefixes[i % 4]}{i:000}").ToArray();
        var d = new DateOnly(2020, 6, 1);
        var dates = new List<DateOnly>();
        while (dates.Count < days)
        {
            if (d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday) dates.Add(d);
            d = d.AddDays(1);
        }
        Calendar = new Calendar(dates);
        Fields = new Dictionary<string, float[]>();
        foreach (var f in new[] { "open", "high", "low", "close", "volume", "amount", "factor", "float_mv" })
        {
            Fields[f] = new float[n * days];
            Array.Fill(Fields[f], float.NaN);
        }
        ListedFrom = new int[n];
        var rng = new Random(seed);
        for (var i = 0; i < n; i++) ListedFrom[i] = rng.NextDouble() < 0.2 ? rng.Next(1, days / 2) : 0;
        Draw(rng, 0);
        Scores = new float[days * n];
        DrawScores(rng, 0);
        Spells = [];
        for (var i = 0; i < n; i++)
        {
            var a = rng.Next(0, days / 3);
            var b = rng.Next(days / 2, days);
            if (rng.NextDouble() < 0.85) Spells.Add(new MembershipSpell(Symbols[i], dates[a], dates[b]));
        }
    }

    public int N { get; }
    public int T { get; }
    public string[] Symbols { get; }
    public Calendar Calendar { get; }
    public Dictionary<string, float[]> Fields { get; }
    public int[] ListedFrom { get; }
    public float[] Scores { get; }
    public List<MembershipSpell> Spells { get; private set; }
    public float[] Benchmark { get; } = [];

    /// <summary>Redraws every price, volume, factor, market value, score and membership dated after <paramref name="cut"/>.</summary>
    public void Perturb(int seed, int cut)
    {
        var rng = new Random(seed);
        Draw(rng, cut + 1);
        DrawScores(rng, cut + 1);
        var kept = new List<MembershipSpell>();
        foreach (var s in Spells)
        {
            if (s.Start > Calendar[cut]) continue;
            kept.Add(s with { End = s.End > Calendar[cut] ? Calendar[cut] : s.End });
        }
        for (var i = 0; i < N; i++)
            if (rng.NextDouble() < 0.7 && cut + 1 < T)
                kept.Add(new MembershipSpell(Symbols[i], Calendar[Math.Min(T - 1, cut + 1 + rng.Next(0, 3))], Calendar[T - 1]));
        Spells = kept;
    }

    private void Draw(Random rng, int from)
    {
        for (var i = 0; i < N; i++)
        {
            var limit = Symbols[i].StartsWith("SH688") || Symbols[i].StartsWith("SZ300") ? 0.2 : 0.1;
            for (var t = Math.Max(from, ListedFrom[i]); t < T; t++)
            {
                var k = i * T + t;
                var prevClose = t > ListedFrom[i] ? (double)Fields["close"][k - 1] : 5 + 40 * rng.NextDouble();
                var prevFactor = t > ListedFrom[i] ? (double)Fields["factor"][k - 1] : 1.0;
                var factor = prevFactor;
                var reference = prevClose;
                if (t > ListedFrom[i] && rng.NextDouble() < 0.03)
                {
                    // A dividend: the raw reference falls 2 %, the factor rises to keep the adjusted price whole.
                    reference = Math.Round(prevClose * 0.98, 2);
                    factor = prevFactor * prevClose / reference;
                }
                if (t > ListedFrom[i] && rng.NextDouble() < 0.06)
                {
                    Set(k, reference, reference, reference, reference, 0, 0, factor);
                    continue;
                }
                var up = Math.Round(reference * (1 + limit), 2);
                var down = Math.Round(reference * (1 - limit), 2);
                double Move() => rng.NextDouble() switch
                {
                    < 0.08 => up,
                    < 0.14 => down,
                    var u => Math.Round(reference * (1 + (u - 0.5) * 1.2 * limit), 2),
                };
                var open = Math.Clamp(Move(), down, up);
                var close = Math.Clamp(Move(), down, up);
                var high = Math.Max(open, close);
                var low = Math.Min(open, close);
                var volume = Math.Round(1e4 + 2e6 * rng.NextDouble());
                Set(k, open, high, low, close, volume, volume * (open + close) / 2, factor);
                Fields["float_mv"][k] = (float)(close * (1e7 + 1e9 * ((i * 7919) % 97) / 97.0));
            }
        }
    }

    private void Set(int k, double open, double high, double low, double close, double volume, double amount, double factor)
    {
        Fields["open"][k] = (float)open;
        Fields["high"][k] = (float)high;
        Fields["low"][k] = (float)low;
        Fields["close"][k] = (float)close;
        Fields["volume"][k] = (float)volume;
        Fields["amount"][k] = (float)amount;
        Fields["factor"][k] = (float)factor;
    }

    private void DrawScores(Random rng, int from)
    {
        for (var t = from; t < T; t++)
            for (var i = 0; i < N; i++)
                Scores[t * N + i] = rng.NextDouble() < 0.1 ? float.NaN : (float)rng.NextDouble();
    }

    public MarketView View()
    {
        var panel = new Panel(Calendar, Symbols);
        foreach (var (name, values) in Fields) panel.SetField(name, (float[])values.Clone());
        var bench = new float[T];
        for (var t = 0; t < T; t++) bench[t] = 4000 + t;
        return MarketView.From(new MarketData(panel)
        {
            Universe = new Universe("random", Calendar, Spells),
            Benchmark = new BenchmarkSeries("BENCH", bench, bench, bench, bench, new float[T]),
        });
    }
}
