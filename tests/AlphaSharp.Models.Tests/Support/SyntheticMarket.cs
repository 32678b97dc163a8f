using AlphaSharp.Data;

namespace AlphaSharp.Models.Tests.Support;

/// <summary>
/// A seeded market with the cases a sampler gets wrong: suspensions (volume 0, price NaN), late listings (NaN before
/// the first day), index entries, exits and re-entries. <see cref="Signal"/> is a per-(day, instrument) value known at
/// the day's close that drives the return from t + 1 to t + 2 (the move Qlib's label measures at t), so models
/// have something real to find.
/// </summary>
internal sealed class SyntheticMarket
{
    /// <param name="signalPersistence">
    /// 0: a fresh signal every day. rho in (0, 1): signal_t = rho signal_(t-1) + sqrt(1 - rho^2) u_t, so a window's
    /// earlier days foretell the driver too (what a network averaging over its window, AlphaNet V4, can find).
    /// </param>
    public SyntheticMarket(int seed, int instruments = 30, int days = 160, double signalStrength = 0, double signalPersistence = 0)
    {
        N = instruments;
        T = days;
        Symbols = Enumerable.Range(0, instruments).Select(i => $"SH{600000 + i}").ToArray();
        var dates = new List<DateOnly>();
        for (var d = new DateOnly(2019, 1, 2); dates.Count < days; d = d.AddDays(1))
            if (d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday) dates.Add(d);
        Calendar = new Calendar(dates);
        var rng = new Random(seed);
        Signal = new float[instruments * days];
        var close = new float[instruments * days];
        var volume = new float[instruments * days];
        ListedFrom = new int[instruments];
        for (var i = 0; i < instruments; i++)
        {
            ListedFrom[i] = i % 7 == 3 ? rng.Next(5, days / 3) : 0;
            double price = 10 + rng.NextDouble() * 20;
            for (var t = 0; t < days; t++)
            {
                var at = i * days + t;
                Signal[at] = (float)(rng.NextDouble() * 2 - 1);
                if (signalPersistence > 0 && t > ListedFrom[i])
                    Signal[at] = (float)(signalPersistence * Signal[at - 1] + Math.Sqrt(1 - signalPersistence * signalPersistence) * Signal[at]);
                if (t < ListedFrom[i])
                {
                    close[at] = float.NaN;
                    volume[at] = float.NaN;
                    Signal[at] = float.NaN;
                    continue;
                }
                var driver = t > 1 && !float.IsNaN(Signal[at - 2]) ? Signal[at - 2] : 0;
                price *= 1 + 0.02 * (rng.NextDouble() * 2 - 1) + 0.01 * signalStrength * driver;
                var suspended = t > ListedFrom[i] + 3 && rng.NextDouble() < 0.04;
                close[at] = suspended ? float.NaN : (float)price;
                volume[at] = suspended ? 0 : (float)(1e5 * (1 + rng.NextDouble()));
            }
        }
        var panel = new Panel(Calendar, Symbols);
        panel.SetField("close", close);
        panel.SetField("open", (float[])close.Clone());
        panel.SetField("high", (float[])close.Clone());
        panel.SetField("low", (float[])close.Clone());
        panel.SetField("volume", volume);
        panel.SetField("factor", Enumerable.Repeat(1f, instruments * days).ToArray());
        panel.SetField("signal", Signal);
        var spells = new List<MembershipSpell>();
        for (var i = 0; i < instruments; i++)
        {
            if (i % 5 == 4) continue; // never a member
            var a = rng.Next(0, days / 4);
            var b = rng.Next(days / 2, days);
            if (i % 4 == 1)
            {
                // exits and comes back
                var gapFrom = rng.Next(a + 5, (a + b) / 2);
                spells.Add(new MembershipSpell(Symbols[i], dates[a], dates[gapFrom]));
                spells.Add(new MembershipSpell(Symbols[i], dates[gapFrom + 10], dates[b]));
            }
            else spells.Add(new MembershipSpell(Symbols[i], dates[a], dates[b]));
        }
        Data = new MarketData(panel) { Universe = new Universe("test", Calendar, spells) };
    }

    public int N { get; }
    public int T { get; }
    public string[] Symbols { get; }
    public Calendar Calendar { get; }
    public int[] ListedFrom { get; }
    public float[] Signal { get; }
    public MarketData Data { get; }
    public bool[] Members => Data.Universe!.MaskFor(Data.Panel);
}
