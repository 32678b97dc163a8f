using AlphaSharp.Backtest.Rules;
using AlphaSharp.Common;
using AlphaSharp.Data;

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
        Age = new int[T * N];
        LimitUp = new double[T * N];
        LimitDown = new double[T * N];
        Star = new bool[N];
        Shanghai = new bool[N];
        Boards = new Board?[N];
        Tradable = TransposeMask(Tradability.Mask(p));
        var ages = AlphaSharp.Data.ListingAge.All(p);
        var factor = p.HasField("factor") ? p.Field("factor") : null;
        // Instruments are independent and write disjoint cells: the same bits on any number of threads.
        Parallel.For(0, N, i =>
        {
            var symbol = p.Symbols[i];
            Boards[i] = TryBoard(symbol);
            Star[i] = Boards[i] == Board.Star;
            Shanghai[i] = symbol.StartsWith("SH", StringComparison.OrdinalIgnoreCase);
            FillInstrument(i, factor, ages);
        });
        if (data.Universe is { } u) Member = TransposeMask(u.MaskFor(p));
        else
        {
            Member = new bool[T * N];
            Array.Fill(Member, true);
        }
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
    /// <summary>The stock traded at t (<see cref="Tradability"/>: volume 0 is a suspension fill, no row is no trading).</summary>
    public bool[] Tradable { get; }
    /// <summary>Listing age in trading days (<see cref="Data.ListingAge"/>: 0 on the first row, -1 before it).</summary>
    public int[] Age { get; }
    /// <summary>
    /// The day's limit-up / limit-down price from <see cref="PriceLimits"/> (reference = previous close moved onto
    /// today's share basis). NaN where no limit applies: a stock's first row, the unlimited first days after a listing
    /// (<see cref="MarketBoards.UnlimitedListingDays"/>), a symbol on no known board.
    /// </summary>
    public double[] LimitUp { get; }
    public double[] LimitDown { get; }
    /// <summary>Point-in-time universe membership (all true without a universe).</summary>
    public bool[] Member { get; }
    /// <summary>Each symbol's board (null for a symbol that is not an A-share: no price limits, ordinary lots).</summary>
    public Board?[] Boards { get; }
    public bool[] Star { get; }
    public bool[] Shanghai { get; }
    public float[]? BenchmarkClose { get; }

    public static MarketView From(MarketData data)
    {
        foreach (var f in new[] { "open", "high", "low", "close", "volume" })
            if (!data.Panel.HasField(f)) throw new InputException($"backtest: the market data has no '{f}' field; a backtest needs open, high, low, close and volume");
        return new MarketView(data);
    }

    private static float[] Transpose(Panel p, string field) => Transpose(p.Field(field), p.N, p.T);

    /// <summary>Instrument-major [i * T + t] to date-major [t * n + i], in blocks of 16 instruments so writes stay in cache lines.</summary>
    private static TValue[] Transpose<TValue>(TValue[] src, int n, int T)
    {
        const int Block = 16;
        var dst = new TValue[T * n];
        for (var i0 = 0; i0 < n; i0 += Block)
        {
            var i1 = Math.Min(n, i0 + Block);
            for (var t = 0; t < T; t++)
            {
                var row = t * n;
                for (var i = i0; i < i1; i++) dst[row + i] = src[i * T + t];
            }
        }
        return dst;
    }

    private static Board? TryBoard(string symbol)
    {
        try { return AlphaSharp.Data.Boards.Of(symbol); }
        catch (InputException) { return null; } // not an A-share: no price limits, ordinary lots
    }

    private bool[] TransposeMask(bool[] src) => Transpose(src, N, T);

    private void FillInstrument(int i, float[]? factorField, int[] ages)
    {
        var p = Data.Panel;
        var board = Boards[i];
        float factor = 1;
        double last = double.NaN;
        for (var t = 0; t < T; t++)
        {
            var k = t * N + i;
            var f = factorField is null ? float.NaN : factorField[i * T + t];
            if (float.IsFinite(f) && f > 0) factor = f;
            Factor[k] = factor;
            var close = Close[k];
            if (float.IsFinite(close) && close > 0) last = Quote(close);
            LastClose[k] = last;
            var age = ages[i * T + t];
            Age[k] = age;
            LimitUp[k] = LimitDown[k] = double.NaN;
            if (board is { } b && factorField is not null && age >= MarketBoards.UnlimitedListingDays(b, Calendar[t])
                && PriceLimits.TryLimitPrices(p, t, i, PriceLimitRules.Default, out var limits))
            {
                LimitUp[k] = limits.Up;
                LimitDown[k] = limits.Down;
            }
        }
    }

    /// <summary>
    /// Trading days the stock has been listed at t as far as the data shows; a stock with a row on the calendar's first
    /// day was listed before the data began, so its age is taken as unbounded (int.MaxValue / 2).
    /// </summary>
    public int ListingAge(int t, int i)
    {
        var age = Age[t * N + i];
        return age >= 0 && Age[i] == 0 ? int.MaxValue / 2 : age;
    }

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
