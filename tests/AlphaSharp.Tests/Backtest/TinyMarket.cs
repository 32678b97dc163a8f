using AlphaSharp.Backtest;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Backtest;

/// <summary>
/// A hand-made market for rule tests: every stock starts at 10.00 with open = high = low = close, volume 1,000,000
/// shares, amount = volume x close and factor 1 on every day; tests then set the cells they care about.
/// </summary>
internal sealed class TinyMarket
{
    private readonly Panel _panel;

    public TinyMarket(string[] symbols, int days, DateOnly? start = null)
    {
        var d = start ?? new DateOnly(2020, 1, 6);
        var dates = new List<DateOnly>();
        while (dates.Count < days)
        {
            if (d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday) dates.Add(d);
            d = d.AddDays(1);
        }
        _panel = new Panel(new Calendar(dates), symbols);
        foreach (var f in new[] { "open", "high", "low", "close", "volume", "amount", "factor" })
        {
            var v = _panel.SetField(f);
            Array.Fill(v, f switch { "volume" => 1_000_000f, "amount" => 10_000_000f, "factor" => 1f, _ => 10f });
        }
        Benchmark = new float[days];
        Array.Fill(Benchmark, 1000f);
    }

    public Panel Panel => _panel;
    public float[] Benchmark { get; }
    public List<MembershipSpell>? Spells { get; set; }
    public float[]? FloatMv { get; set; }

    public int Index(string symbol) => _panel.IndexOf(symbol);

    /// <summary>Sets one day's prices: open and close given, high/low spanning them, amount = volume x mean of open and close.</summary>
    public TinyMarket Bar(string symbol, int t, float open, float close, float volume = 1_000_000f)
    {
        var i = _panel.IndexOf(symbol);
        _panel["open", t, i] = open;
        _panel["close", t, i] = close;
        _panel["high", t, i] = Math.Max(open, close);
        _panel["low", t, i] = Math.Min(open, close);
        _panel["volume", t, i] = volume;
        _panel["amount", t, i] = volume * (open + close) / 2;
        return this;
    }

    /// <summary>Sets a flat price from day t on (all later days too), as a stock that drifts to a new level.</summary>
    public TinyMarket Level(string symbol, int from, float price)
    {
        for (var t = from; t < _panel.T; t++) Bar(symbol, t, price, price);
        return this;
    }

    /// <summary>A suspension fill: flat at the previous close, volume 0, amount 0.</summary>
    public TinyMarket Suspend(string symbol, int t)
    {
        var i = _panel.IndexOf(symbol);
        var c = _panel["close", t - 1, i];
        Bar(symbol, t, c, c, 0);
        _panel["amount", t, i] = 0;
        return this;
    }

    public TinyMarket Set(string field, string symbol, int t, float value)
    {
        _panel[field, t, _panel.IndexOf(symbol)] = value;
        return this;
    }

    public MarketView View()
    {
        var data = new MarketData(_panel)
        {
            Benchmark = new BenchmarkSeries("SH000300", Benchmark, Benchmark, Benchmark, Benchmark, new float[_panel.T]),
        };
        if (FloatMv is not null) _panel.SetField("float_mv", FloatMv);
        if (Spells is not null) data.Universe = new Universe("test", _panel.Calendar, Spells);
        return MarketView.From(data);
    }

    /// <summary>An all-NaN score table to fill by (day, symbol).</summary>
    public static float[] EmptyScores(MarketView m)
    {
        var s = new float[m.T * m.N];
        Array.Fill(s, float.NaN);
        return s;
    }
}
