using AlphaSharp.Data;
using AlphaSharp.Backtest.Rules;
using AlphaSharp.Data.Validation;

namespace AlphaSharp.Backtest;

/// <summary>
/// The market as the daily loop reads it: every array date-major (<c>[t * N + i]</c>), so one day's cross-section is
/// one contiguous run. Built once from a <see cref="MarketData"/> and shared by any number of runs.
/// Prices are raw; <see cref="Factor"/> is the backward adjustment factor carried over missing rows.
/// </summary>
public sealed class MarketView
{
    private MarketView(MarketData data)
    {
        Data = data;
        var p = data.Panel;
        N = p.N;
        T = p.T;
        Open = Transpose(p, "open");
        High = Transpose(p, "high");
        Low = Transpose(p, "low");
        Close = Transpose(p, "close");
        Volume = Transpose(p, "volume");
        Amount = p.HasField("amount") ? Transpose(p, "amount") : null;
        FloatMv = p.HasField("float_mv") ? Transpose(p, "float_mv") : null;
        Factor = new float[T * N];
        LastClose = new double[T * N];
        Tradable = new bool[T * N];
        RowsSoFar = new int[T * N];
        LimitUp = new double[T * N];
        LimitDown = new double[T * N];
        Star = new bool[N];
        Shanghai = new bool[N];
        var factor = p.HasField("factor") ? p.Field("factor") : null;
        for (var i = 0; i < N; i++)
        {
            var symbol = p.Symbols[i];
            Star[i] = MarketBoards.IsStar(symbol);
            Shanghai[i] = symbol.StartsWith("SH", StringComparison.OrdinalIgnoreCase);
            FillInstrument(i, factor);
        }
        Member = new bool[T * N];
        if (data.Universe is { } u)
        {
            var mask = u.MaskFor(p);
            for (var i = 0; i < N; i++)
                for (var t = 0; t < T; t++) Member[t * N + i] = mask[i * T + t];
        }
        else Array.Fill(Member, true);
        BenchmarkClose = data.Benchmark?.Close;
    }

    public MarketData Data { get; }
    public Calendar Calendar => Data.Calendar;
    public IReadOnlyList<string> Symbols => Data.Panel.Symbols;
    public int N { get; }
    public int T { get; }
    public float[] Open { get; }
    public float[] High { get; }
    public float[] Low { get; }
    public float[] Close { get; }
    public float[] Volume { get; }
    public float[]? Amount { get; }
    public float[]? FloatMv { get; }
    /// <summary>Adjustment factor, carried forward over rows without one (1 before the first).</summary>
    public float[] Factor { get; }
    /// <summary>The last close on or before t (NaN before the stock's first row): what a held position is worth.</summary>
    public double[] LastClose { get; }
    /// <summary>The stock traded at t: a close exists and volume is positive (volume 0 is a suspension fill).</summary>
    public bool[] Tradable { get; }
    /// <summary>Rows with a close up to and including t: the listing age in trading days as far as the data shows.</summary>
    public int[] RowsSoFar { get; }
    /// <summary>The day's limit-up / limit-down price (NaN where no limit applies, e.g. the first day of a stock's data).</summary>
    public double[] LimitUp { get; }
    public double[] LimitDown { get; }
    /// <summary>Point-in-time universe membership (all true without a universe).</summary>
    public bool[] Member { get; }
    public bool[] Star { get; }
    public bool[] Shanghai { get; }
    public float[]? BenchmarkClose { get; }

    public static MarketView From(MarketData data)
    {
        foreach (var f in new[] { "open", "high", "low", "close", "volume" })
            if (!data.Panel.HasField(f)) throw new DataException($"backtest: the market data has no '{f}' field; a backtest needs open, high, low, close and volume");
        return new MarketView(data);
    }

    private static float[] Transpose(Panel p, string field)
    {
        var src = p.Field(field);
        int n = p.N, T = p.T;
        var dst = new float[T * n];
        for (var i = 0; i < n; i++)
        {
            var row = src.AsSpan(i * T, T);
            for (var t = 0; t < T; t++) dst[t * n + i] = row[t];
        }
        return dst;
    }

    private void FillInstrument(int i, float[]? factorField)
    {
        var symbol = Data.Panel.Symbols[i];
        float factor = 1, refFactor = 1;
        double last = double.NaN, refClose = double.NaN;
        var rows = 0;
        for (var t = 0; t < T; t++)
        {
            var k = t * N + i;
            var f = factorField is null ? float.NaN : factorField[i * T + t];
            if (float.IsFinite(f) && f > 0) factor = f;
            Factor[k] = factor;
            var close = Close[k];
            var hasClose = float.IsFinite(close) && close > 0;
            LimitUp[k] = LimitDown[k] = double.NaN;
            if (hasClose && double.IsFinite(refClose) && rows >= MarketBoards.UnlimitedListingDays(symbol, Calendar[t]))
            {
                // The exchange's reference price on an ex-rights day is the previous close adjusted for the action.
                var reference = refClose * (double)refFactor / factor;
                var pct = DailyLimits.For(symbol, Calendar[t]);
                LimitUp[k] = RoundCent(reference * (1 + pct));
                LimitDown[k] = RoundCent(reference * (1 - pct));
            }
            if (hasClose)
            {
                rows++;
                last = Quote(close);
                refClose = last;
                refFactor = factor;
            }
            LastClose[k] = last;
            RowsSoFar[k] = rows;
            var v = Volume[k];
            Tradable[k] = hasClose && float.IsFinite(v) && v > 0;
        }
    }

    /// <summary>
    /// Trading days the stock has been listed at t as far as the data shows; a stock with a row on the calendar's first
    /// day was listed before the data began, so its age is taken as unbounded (int.MaxValue / 2).
    /// </summary>
    public int ListingAge(int t, int i)
    {
        var rows = RowsSoFar[t * N + i];
        return rows > 0 && RowsSoFar[i] > 0 ? int.MaxValue / 2 : rows;
    }

    private static double RoundCent(double price) => Math.Round(price * 100, MidpointRounding.AwayFromZero) / 100;

    /// <summary>
    /// A stored float32 price as the decimal quote it stands for: prices are quoted in cents (at most 4 decimals here),
    /// and float32 keeps about 7 digits, so 10.99f reads back as 10.9899998; rounding to 4 decimals restores 10.99.
    /// </summary>
    public static double Quote(float price) => Math.Round((double)price, 4);

    /// <summary>The execution price of instrument i at t (NaN if it did not trade); <paramref name="fellBack"/> when VWAP had to use the close.</summary>
    public double ExecutionPrice(ExecutionPrice kind, int t, int i, out bool fellBack)
    {
        fellBack = false;
        var k = t * N + i;
        switch (kind)
        {
            case Backtest.ExecutionPrice.Open: return Quote(Open[k]);
            case Backtest.ExecutionPrice.Close: return Quote(Close[k]);
            default:
                var v = Volume[k];
                var a = Amount is null ? float.NaN : Amount[k];
                if (v > 0 && a > 0)
                {
                    var vwap = (double)a / v;
                    // amount / volume outside the day's range means the two columns disagree (units or a bad row).
                    if (vwap >= Low[k] * 0.995 && vwap <= High[k] * 1.005) return vwap;
                }
                fellBack = true;
                return Quote(Close[k]);
        }
    }
}
