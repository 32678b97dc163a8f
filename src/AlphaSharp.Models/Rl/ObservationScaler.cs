namespace AlphaSharp.Models.Rl;

/// <summary>
/// Each feature's mean and standard deviation over one instrument's training days, so an observation is z-scored with
/// what was known before the test (NaN days are left out; a constant feature gets a scale of 1).
/// </summary>
public sealed record ObservationScaler(double[] Means, double[] Stds)
{
    /// <param name="features">Panels, instrument-major [N * T] as the factor engine returns them.</param>
    public static ObservationScaler Fit(IReadOnlyList<float[]> features, int instrument, int days, int first, int last)
    {
        var means = new double[features.Count];
        var stds = new double[features.Count];
        for (var f = 0; f < features.Count; f++)
        {
            var x = Enumerable.Range(first, last - first + 1).Select(t => (double)features[f][instrument * days + t]).Where(double.IsFinite).ToArray();
            if (x.Length == 0) throw new AlphaSharp.Common.InputException($"rl: feature {f} has no value for instrument {instrument} on the training days; nothing to scale it by");
            means[f] = x.Average();
            var sd = x.Length > 1 ? Math.Sqrt(x.Sum(v => (v - means[f]) * (v - means[f])) / (x.Length - 1)) : 0;
            stds[f] = sd > 0 ? sd : 1;
        }
        return new ObservationScaler(means, stds);
    }
}
