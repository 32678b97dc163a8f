using AlphaSharp.Data;

namespace AlphaSharp.Evaluation.Factor;

/// <summary>
/// How fast a factor's picture changes, per date t (NaN on the first date and where too few stocks qualify):
/// rank autocorrelation = Spearman correlation of the factor at t and at t - lag over the members at t with both values;
/// top-layer turnover = share of the top layer (highest 1/N of members with a value, by the layer rule of
/// <see cref="LayerTest"/>) at t that was not in the top layer at t - lag.
/// </summary>
public sealed record FactorTurnover(double[] RankAutocorrelation, double[] TopTurnover)
{
    /// <remarks>A date-major input is transposed once.</remarks>
    public static FactorTurnover Compute(PanelArray factor, bool[]? members, int layers, int lag = 1)
    {
        if (lag < 1) throw new ArgumentOutOfRangeException(nameof(lag), $"turnover lag must be at least 1, got {lag}");
        var panel = factor.ToLayout(PanelLayout.InstrumentMajor);
        CrossSections.RequireInstrumentMajor(panel, members);
        var values = panel.Values;
        int T = panel.T, N = panel.N;
        var auto = new double[T];
        var turnover = new double[T];
        var tops = new HashSet<int>[T];
        Parallel.For(0, T, t => tops[t] = Top(values, members, T, N, t, layers));
        Parallel.For(0, T, t =>
        {
            auto[t] = turnover[t] = double.NaN;
            if (t < lag) return;
            var x = new List<double>();
            var y = new List<double>();
            for (var i = 0; i < N; i++)
            {
                var at = i * T + t;
                if (members is not null && !members[at]) continue;
                float a = values[at], b = values[at - lag];
                if (!float.IsFinite(a) || !float.IsFinite(b)) continue;
                x.Add(a);
                y.Add(b);
            }
            if (x.Count >= IcSeries.MinPairs) auto[t] = Correlation.Spearman(x.ToArray(), y.ToArray());
            if (tops[t].Count > 0 && tops[t - lag].Count > 0)
                turnover[t] = (double)tops[t].Count(i => !tops[t - lag].Contains(i)) / tops[t].Count;
        });
        return new FactorTurnover(auto, turnover);
    }

    private static HashSet<int> Top(float[] factor, bool[]? members, int T, int N, int t, int layers)
    {
        var ids = new List<int>();
        for (var i = 0; i < N; i++)
        {
            var at = i * T + t;
            if ((members is null || members[at]) && float.IsFinite(factor[at])) ids.Add(i);
        }
        if (ids.Count < layers) return [];
        var ordered = ids.OrderByDescending(i => factor[i * T + t]).ThenBy(i => i).ToList();
        var n = ordered.Count;
        return ordered.Where((_, p) => (long)p * layers / n == 0).ToHashSet();
    }
}
