using AlphaSharp.Factors.Operators;

namespace AlphaSharp.Factors.Expressions;

/// <summary>
/// Every operator the expression language knows, by name and arity. Names follow Qlib (Mean, Std, Corr, ...), AlphaNet
/// (ts_corr, ts_zscore, ...) and TA-Lib (TA_RSI, TA_MACD, ...); cross-sectional operators start with CS (Rank with one
/// argument is CSRank). See docs/factors.md for each definition.
/// </summary>
internal static class OperatorCatalog
{
    private static readonly Dictionary<string, List<OperatorSpec>> Specs = Build();

    public static IReadOnlyList<OperatorSpec>? Lookup(string name) => Specs.GetValueOrDefault(name);

    public static IEnumerable<string> Names => Specs.Keys;

    private static Dictionary<string, List<OperatorSpec>> Build()
    {
        var all = new List<OperatorSpec>();
        void Add(OperatorSpec s) => all.Add(s);

        // Elementwise.
        foreach (var (name, op) in new (string, Elementwise.Binary)[]
                 {
                     ("Add", Elementwise.Binary.Add), ("Sub", Elementwise.Binary.Sub), ("Mul", Elementwise.Binary.Mul),
                     ("Div", Elementwise.Binary.Div), ("Power", Elementwise.Binary.Pow), ("Greater", Elementwise.Binary.Greater),
                     ("Less", Elementwise.Binary.Less), ("Gt", Elementwise.Binary.Gt), ("Ge", Elementwise.Binary.Ge),
                     ("Lt", Elementwise.Binary.Lt), ("Le", Elementwise.Binary.Le), ("Eq", Elementwise.Binary.Eq),
                     ("Ne", Elementwise.Binary.Ne), ("And", Elementwise.Binary.And), ("Or", Elementwise.Binary.Or),
                 })
            Add(new OperatorSpec(name, [ArgKind.Series, ArgKind.Series], $"{name}(left, right)", OperatorKind.Elementwise,
                (c, x, _) => Binary(c, op, x[0], x[1])));
        foreach (var (name, op) in new (string, Elementwise.Unary)[]
                 {
                     ("Neg", Elementwise.Unary.Neg), ("Abs", Elementwise.Unary.Abs), ("Sign", Elementwise.Unary.Sign),
                     ("Log", Elementwise.Unary.Log), ("Not", Elementwise.Unary.Not),
                 })
            Add(new OperatorSpec(name, [ArgKind.Series], $"{name}(feature)", OperatorKind.Elementwise, (c, x, _) => Unary(c, op, x[0])));
        Add(new OperatorSpec("If", [ArgKind.Series, ArgKind.Series, ArgKind.Series], "If(condition, then, else)", OperatorKind.Elementwise, (c, x, _) =>
        {
            var y = c.Rent();
            Elementwise.If(x[0], x[1], x[2], y);
            return y;
        }));

        // Rolling, one series: Qlib names.
        Rolling("Mean", RollingMoments.Mean); Rolling("Sum", RollingMoments.Sum); Rolling("Std", RollingMoments.Std);
        Rolling("Var", RollingMoments.Var); Rolling("Skew", RollingMoments.Skew, minWindow: 3); Rolling("Kurt", RollingMoments.Kurt, minWindow: 4);
        Rolling("Max", RollingExtrema.Max); Rolling("Min", RollingExtrema.Min);
        Rolling("IdxMax", RollingExtrema.IdxMax); Rolling("IdxMin", RollingExtrema.IdxMin);
        Rolling("Med", RollingOrder.Median); Rolling("Mad", RollingOrder.Mad); Rolling("Rank", RollingOrder.Rank);
        Rolling("Count", RollingMoments.Count); Rolling("Slope", RollingRegression.Slope);
        Rolling("Rsquare", RollingRegression.Rsquare); Rolling("Resi", RollingRegression.Resi); Rolling("WMA", Smoothing.Wma);
        Add(new OperatorSpec("Quantile", [ArgKind.Series, ArgKind.Window, ArgKind.Number], "Quantile(feature, window, q)", OperatorKind.TimeSeries, (c, x, p) =>
            Map(c, c.Broadcast(x[0]), (s, y) => RollingOrder.Quantile(s, y, (int)p[0], p[1]))));
        Add(new OperatorSpec("EMA", [ArgKind.Series, ArgKind.Span], "EMA(feature, span or alpha)", OperatorKind.TimeSeries, (c, x, p) =>
        {
            var alpha = p[0] < 1 ? p[0] : Smoothing.AlphaOfSpan(p[0]);
            var y = c.Rent();
            Smoothing.EmaPanel(c.Broadcast(x[0]), y, c.T, alpha);
            return y;
        }));
        Add(new OperatorSpec("Ref", [ArgKind.Series, ArgKind.Shift], "Ref(feature, days)", OperatorKind.TimeSeries, (c, x, p) =>
            Map(c, c.Broadcast(x[0]), (s, y) => Operators.Shift.Ref(s, y, (int)p[0]), parallel: false)));
        Add(new OperatorSpec("Delta", [ArgKind.Series, ArgKind.Shift], "Delta(feature, days)", OperatorKind.TimeSeries, (c, x, p) =>
            Map(c, c.Broadcast(x[0]), (s, y) => Operators.Shift.Delta(s, y, (int)p[0]), parallel: false)));
        Pair("Corr", RollingPair.Corr, ArgKind.Window); Pair("Cov", RollingPair.Cov, ArgKind.Window);

        // AlphaNet's feature-extraction operators.
        Pair("ts_corr", RollingPair.Corr, ArgKind.PositiveWindow); Pair("ts_cov", RollingPair.Cov, ArgKind.PositiveWindow);
        Rolling("ts_stddev", RollingMoments.Std, positive: true); Rolling("ts_mean", RollingMoments.Mean, positive: true);
        Rolling("ts_zscore", RollingMoments.MeanOverStd, positive: true);
        Rolling("ts_decaylinear", Smoothing.Wma, positive: true);
        Rolling("ts_return", Operators.Shift.Return, positive: true);

        // TA-Lib.
        Rolling("TA_SMA", TaLib.Sma, positive: true); Rolling("TA_EMA", TaLib.Ema, positive: true);
        Rolling("TA_RSI", TaLib.Rsi, positive: true); Rolling("TA_MOM", TaLib.Mom, positive: true);
        foreach (var (name, output) in new[] { ("TA_MACD", TaLib.MacdOutput.Macd), ("TA_MACDSIGNAL", TaLib.MacdOutput.Signal), ("TA_MACDHIST", TaLib.MacdOutput.Hist) })
            Add(new OperatorSpec(name, [ArgKind.Series, ArgKind.PositiveWindow, ArgKind.PositiveWindow, ArgKind.PositiveWindow], $"{name}(feature, fast, slow, signal)", OperatorKind.TimeSeries,
                (c, x, p) => Map(c, c.Broadcast(x[0]), (s, y) => TaLib.Macd(s, y, (int)p[0], (int)p[1], (int)p[2], output))));
        foreach (var (name, output) in new[] { ("TA_BBUPPER", TaLib.BandOutput.Upper), ("TA_BBLOWER", TaLib.BandOutput.Lower) })
            Add(new OperatorSpec(name, [ArgKind.Series, ArgKind.PositiveWindow, ArgKind.Number], $"{name}(feature, window, k)", OperatorKind.TimeSeries,
                (c, x, p) => Map(c, c.Broadcast(x[0]), (s, y) => TaLib.Bands(s, y, (int)p[0], p[1], output))));
        Add(new OperatorSpec("TA_BBMIDDLE", [ArgKind.Series, ArgKind.PositiveWindow], "TA_BBMIDDLE(feature, window)", OperatorKind.TimeSeries,
            (c, x, p) => Map(c, c.Broadcast(x[0]), (s, y) => TaLib.Bands(s, y, (int)p[0], 0, TaLib.BandOutput.Middle))));
        Add(new OperatorSpec("TA_ATR", [ArgKind.Series, ArgKind.Series, ArgKind.Series, ArgKind.PositiveWindow], "TA_ATR(high, low, close, window)", OperatorKind.TimeSeries, (c, x, p) =>
        {
            float[] h = c.Broadcast(x[0]), l = c.Broadcast(x[1]), cl = c.Broadcast(x[2]);
            var y = c.Rent();
            var T = c.T;
            var n = (int)p[0];
            Parallel.For(0, c.N, i => TaLib.Atr(h.AsSpan(i * T, T), l.AsSpan(i * T, T), cl.AsSpan(i * T, T), y.AsSpan(i * T, T), n));
            return y;
        }));
        Add(new OperatorSpec("TA_OBV", [ArgKind.Series, ArgKind.Series], "TA_OBV(close, volume)", OperatorKind.TimeSeries,
            (c, x, _) => Map(c, c.Broadcast(x[0]), c.Broadcast(x[1]), TaLib.Obv)));

        // Cross-section, per date over universe members.
        CrossSectional("CSRank", (c, x) => CrossSection.Rank(x, c.Mask, c.T));
        CrossSectional("Rank", (c, x) => CrossSection.Rank(x, c.Mask, c.T));
        CrossSectional("CSZScore", (c, x) => CrossSection.ZScore(x, c.Mask, c.T));
        CrossSectional("CSDemean", (c, x) => CrossSection.Demean(x, c.Mask, c.T));
        CrossSectional("CSScale", (c, x) => CrossSection.Scale(x, c.Mask, c.T));
        Add(new OperatorSpec("CSScale", [ArgKind.Series, ArgKind.Number], "CSScale(feature, total)", OperatorKind.CrossSection,
            (c, x, p) => CrossSection.Scale(c.Broadcast(x[0]), c.Mask, c.T, p[0])));
        CrossSectional("CSWinsorize", (c, x) => CrossSection.WinsorizeMad(x, c.Mask, c.T, 3));
        Add(new OperatorSpec("CSWinsorize", [ArgKind.Series, ArgKind.Number], "CSWinsorize(feature, k)", OperatorKind.CrossSection,
            (c, x, p) => CrossSection.WinsorizeMad(c.Broadcast(x[0]), c.Mask, c.T, p[0])));
        Add(new OperatorSpec("CSWinsorizeQ", [ArgKind.Series, ArgKind.Number, ArgKind.Number], "CSWinsorizeQ(feature, lower, upper)", OperatorKind.CrossSection,
            (c, x, p) => CrossSection.WinsorizeQuantile(c.Broadcast(x[0]), c.Mask, c.T, p[0], p[1])));
        Add(new OperatorSpec("CSNeutralize", [ArgKind.Series, ArgKind.Series], "CSNeutralize(feature, exposure, ...) ($industry for industry dummies)",
            OperatorKind.CrossSection, (c, x, p) =>
            {
                // p[0] = 1 when $industry was among the exposures; the binder keeps it out of the inputs.
                var industry = p.Length > 0 && p[0] == 1;
                var exposures = x.Skip(1).Select(c.Broadcast).ToArray();
                return CrossSection.Neutralize(c.Broadcast(x[0]), exposures, industry ? c.Groups : null, c.Mask, c.T);
            }, Variadic: true));

        return all.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        void Rolling(string name, Action<ReadOnlySpan<float>, Span<float>, int> kernelOf, int minWindow = 0, bool positive = false) =>
            Add(new OperatorSpec(name, [ArgKind.Series, positive ? ArgKind.PositiveWindow : ArgKind.Window], $"{name}(feature, window)", OperatorKind.TimeSeries,
                (c, x, p) =>
                {
                    var n = (int)p[0];
                    return Map(c, c.Broadcast(x[0]), (s, y) => kernelOf(s, y, n));
                }, MinWindow: minWindow));

        void Pair(string name, Action<ReadOnlySpan<float>, ReadOnlySpan<float>, Span<float>, int> kernelOf, ArgKind window) =>
            Add(new OperatorSpec(name, [ArgKind.Series, ArgKind.Series, window], $"{name}(left, right, window)", OperatorKind.TimeSeries,
                (c, x, p) =>
                {
                    var n = (int)p[0];
                    return Map(c, c.Broadcast(x[0]), c.Broadcast(x[1]), (a, b, y) => kernelOf(a, b, y, n));
                }));

        void CrossSectional(string name, Func<EvalContext, float[], float[]> f) =>
            Add(new OperatorSpec(name, [ArgKind.Series], $"{name}(feature)", OperatorKind.CrossSection, (c, x, _) => f(c, c.Broadcast(x[0]))));
    }

    private static float[] Binary(EvalContext c, Elementwise.Binary op, float[] a, float[] b)
    {
        var y = Math.Max(a.Length, b.Length) == c.Cells ? c.Rent() : new float[Math.Max(a.Length, b.Length)];
        Chunked(y.Length, (from, count) =>
            Elementwise.Apply(op, a.Length == 1 ? a : a.AsSpan(from, count), b.Length == 1 ? b : b.AsSpan(from, count), y.AsSpan(from, count)));
        return y;
    }

    private static float[] Unary(EvalContext c, Elementwise.Unary op, float[] a)
    {
        var y = a.Length == c.Cells ? c.Rent() : new float[a.Length];
        Chunked(y.Length, (from, count) => Elementwise.Apply(op, a.AsSpan(from, count), y.AsSpan(from, count)));
        return y;
    }

    private static float[] Map(EvalContext c, float[] x, SeriesKernel kernel, bool parallel = true)
    {
        var y = c.Rent();
        SeriesMap.Apply(x, y, c.T, kernel, parallel);
        return y;
    }

    private static float[] Map(EvalContext c, float[] a, float[] b, PairSeriesKernel kernel)
    {
        var y = c.Rent();
        SeriesMap.Apply(a, b, y, c.T, kernel);
        return y;
    }

    /// <summary>
    /// Elementwise work runs on the calling thread in cache-sized chunks: it is bound by memory bandwidth, which one
    /// core fills, and on a shared machine waking thread-pool workers for a few milliseconds of work costs more than it
    /// saves.
    /// </summary>
    private static void Chunked(int length, Action<int, int> work)
    {
        const int chunk = 1 << 16;
        for (var from = 0; from < length; from += chunk) work(from, Math.Min(chunk, length - from));
    }
}
