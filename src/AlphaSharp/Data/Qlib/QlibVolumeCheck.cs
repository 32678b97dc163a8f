namespace AlphaSharp.Data.Qlib;

/// <summary>What the stored volumes say about their own convention, from the days the factor jumps.</summary>
/// <param name="Events">Ex-dates that could be scored.</param>
/// <param name="MedianScore">Near 1: volume moves with the factor (raw); near 0: it does not (adjusted).</param>
/// <param name="Verdict">Null when there are too few events or the score sits in between.</param>
/// <param name="FromAmount">True when scored against amount / close, false from volume alone.</param>
public sealed record QlibVolumeEvidence(int Events, double MedianScore, QlibVolumeConvention? Verdict, bool FromAmount, double MinJump)
{
    public string Describe() =>
        $"{Events} ex-date(s) with a factor jump of at least {(MinJump - 1) * 100:F0} %, median score {MedianScore:F2} " +
        (FromAmount ? "(volume against amount / raw close; " : "(volume before and after; ") + "1 = moves with the factor as raw shares do, 0 = adjusted)";
}

/// <summary>
/// On an ex-date where the factor jumps by r (a bonus issue, a split), raw share volume jumps by about r as well,
/// while Qlib's adjusted volume (raw / factor) does not. Scoring many such days tells which convention a tree uses.
/// With an <c>amount</c> field the implied raw volume amount / raw close is a much quieter yardstick, so smaller
/// jumps (dividends) count too.
/// </summary>
public static class QlibVolumeCheck
{
    private const int Window = 10;
    private const int MinEvents = 5;
    private const double VolumeOnlyJump = 1.2;
    private const double AmountJump = 1.05;

    /// <summary>Reads the stored (not yet converted) volume, factor, and amount and close when present.</summary>
    public static QlibVolumeEvidence? Examine(Panel panel, QlibPriceConvention prices)
    {
        if (!panel.HasField("volume") || !panel.HasField("factor")) return null;
        var fromAmount = panel.HasField("amount") && panel.HasField("close");
        var minJump = fromAmount ? AmountJump : VolumeOnlyJump;
        var logMin = Math.Log(minJump);
        var T = panel.T;
        var x = new double[T];
        var scores = new List<double>();
        Span<double> before = stackalloc double[Window];
        Span<double> after = stackalloc double[Window];
        for (var i = 0; i < panel.N; i++)
        {
            var v = panel.Series("volume", i);
            var f = panel.Series("factor", i);
            var a = fromAmount ? panel.Series("amount", i) : default;
            var c = fromAmount ? panel.Series("close", i) : default;
            var any = false;
            for (var t = 1; t < T; t++)
                if (f[t] > 0 && f[t - 1] > 0 && Math.Abs(Math.Log((double)f[t] / f[t - 1])) >= logMin) { any = true; break; }
            if (!any) continue;
            for (var t = 0; t < T; t++)
            {
                x[t] = double.NaN;
                if (!(v[t] > 0) || !(f[t] > 0)) continue;
                if (!fromAmount) { x[t] = Math.Log(v[t]); continue; }
                var rawClose = prices == QlibPriceConvention.Adjusted ? (double)c[t] / f[t] : c[t];
                if (a[t] > 0 && rawClose > 0) x[t] = Math.Log(v[t] / (a[t] / rawClose));
            }
            for (var t = 1; t < T; t++)
            {
                if (!(f[t] > 0) || !(f[t - 1] > 0)) continue;
                var logR = Math.Log((double)f[t] / f[t - 1]);
                if (Math.Abs(logR) < logMin) continue;
                var nb = Collect(x, t - 1, -1, before);
                var na = Collect(x, t, +1, after);
                if (nb < Window / 2 || na < Window / 2) continue;
                var dx = Median(after[..na]) - Median(before[..nb]);
                // Against amount, raw volume stays level (dx = 0) and adjusted falls by the jump (dx = -log r).
                scores.Add(fromAmount ? dx / logR + 1 : dx / logR);
            }
        }
        if (scores.Count == 0) return new QlibVolumeEvidence(0, double.NaN, null, fromAmount, minJump);
        scores.Sort();
        var median = Median(scores);
        QlibVolumeConvention? verdict = scores.Count < MinEvents ? null
            : median >= 0.6 ? QlibVolumeConvention.Raw : median <= 0.4 ? QlibVolumeConvention.Adjusted : null;
        return new QlibVolumeEvidence(scores.Count, median, verdict, fromAmount, minJump);
    }

    /// <summary>Up to Window valid values of x walking from <paramref name="from"/> in direction <paramref name="step"/>.</summary>
    private static int Collect(double[] x, int from, int step, Span<double> into)
    {
        var n = 0;
        // A long suspension next to the ex-date would compare volumes months apart: look no further than 3 windows.
        for (var t = from; t >= 0 && t < x.Length && n < into.Length && Math.Abs(t - from) < 3 * Window; t += step)
            if (!double.IsNaN(x[t])) into[n++] = x[t];
        return n;
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    private static double Median(List<double> sorted)
    {
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
