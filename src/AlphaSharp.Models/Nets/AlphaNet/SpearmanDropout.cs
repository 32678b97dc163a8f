namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>Why a channel left: the kept channel it follows too closely and their Spearman correlation (NaN: the channel is constant).</summary>
public sealed record DroppedChannel(int Channel, int Because, double Spearman);

/// <summary>The channels Spearman dropout keeps, in their order, and those it dropped with the reason.</summary>
public sealed record SpearmanSelection(IReadOnlyList<int> Kept, IReadOnlyList<DroppedChannel> Dropped, int Channels, double Threshold);

/// <summary>
/// Paper 003's Spearman dropout: on the first training batch's extracted channels, walk the channels in order and
/// keep one only when its Spearman correlation with every channel kept before it is at most the threshold (0.8 in
/// the paper); the rest are dropped for good, so every later batch, and every image, extracts only the kept ones.
/// The correlation's size counts, not its sign: a channel that is another's mirror image carries nothing new either
/// (the paper does not say; with the sign, such pairs would both stay). A constant channel carries nothing and goes.
/// Spearman's rho is the Pearson correlation of the ranks (ties share their mean rank), over every sample and step.
/// </summary>
public static class SpearmanDropout
{
    public const double PaperThreshold = 0.8;

    /// <param name="values">Rows x channels, row-major: the extraction output [batch, steps, channels] read as (batch x steps) rows.</param>
    public static SpearmanSelection Select(ReadOnlySpan<float> values, int channels, double threshold = PaperThreshold)
    {
        if (channels < 1 || values.Length % channels != 0) throw new ArgumentException($"Spearman dropout: {values.Length} values are not rows of {channels} channels");
        if (!(threshold > 0 && threshold <= 1)) throw new ArgumentException($"Spearman dropout: threshold {threshold} is not in (0, 1]");
        var rows = values.Length / channels;
        if (rows < 3) throw new ArgumentException($"Spearman dropout: {rows} rows are too few for a rank correlation (3 at least)");
        var kept = new List<int>();
        var keptRanks = new List<double[]>();
        var dropped = new List<DroppedChannel>();
        var column = new float[rows];
        for (var c = 0; c < channels; c++)
        {
            for (var r = 0; r < rows; r++) column[r] = values[r * channels + c];
            var ranks = CenteredRanks(column, c);
            if (ranks is null) { dropped.Add(new DroppedChannel(c, -1, double.NaN)); continue; }
            var reason = -1;
            var rho = 0.0;
            for (var k = 0; k < kept.Count && reason < 0; k++)
            {
                rho = Correlation(ranks, keptRanks[k]);
                if (Math.Abs(rho) > threshold) reason = kept[k];
            }
            if (reason >= 0) dropped.Add(new DroppedChannel(c, reason, rho));
            else { kept.Add(c); keptRanks.Add(ranks); }
        }
        return new SpearmanSelection(kept, dropped, channels, threshold);
    }

    /// <summary>Mean ranks (1-based, ties averaged) minus their mean, scaled to unit length; null for a constant column.</summary>
    private static double[]? CenteredRanks(float[] column, int channel)
    {
        var n = column.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (float.IsNaN(column[i])) throw new ArgumentException($"Spearman dropout: channel {channel} holds NaN at row {i}; the extraction's input must be filled first");
            order[i] = i;
        }
        Array.Sort(column.ToArray(), order);
        var ranks = new double[n];
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && column[order[j + 1]] == column[order[i]]) j++;
            var mean = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++) ranks[order[k]] = mean;
            i = j + 1;
        }
        var centre = (n + 1) / 2.0;
        double ss = 0;
        for (var i = 0; i < n; i++) { ranks[i] -= centre; ss += ranks[i] * ranks[i]; }
        if (ss == 0) return null;
        var scale = 1 / Math.Sqrt(ss);
        for (var i = 0; i < n; i++) ranks[i] *= scale;
        return ranks;
    }

    private static double Correlation(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
