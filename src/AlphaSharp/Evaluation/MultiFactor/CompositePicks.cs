namespace AlphaSharp.Evaluation.MultiFactor;

/// <summary>A composite's picks: on each day, the highest-scored fraction of the instruments that have a score.</summary>
public static class CompositePicks
{
    /// <summary>
    /// The top ceil(<paramref name="fraction"/> x m) of each day's m scored cells (instrument-major [N, T]); ties by
    /// instrument index, so the same scores always give the same picks. A day without scores has no picks.
    /// </summary>
    public static bool[] Top(float[] composite, int n, int t, double fraction)
    {
        if (composite.Length != n * t) throw new ArgumentException($"picks: the composite has {composite.Length} cells, expected {n} x {t}");
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "picks: the fraction picked must be in (0, 1]");
        var picks = new bool[n * t];
        var day = new List<(float Score, int Instrument)>(n);
        for (var d = 0; d < t; d++)
        {
            day.Clear();
            for (var i = 0; i < n; i++)
                if (float.IsFinite(composite[i * t + d])) day.Add((composite[i * t + d], i));
            if (day.Count == 0) continue;
            day.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Instrument.CompareTo(b.Instrument));
            var take = (int)Math.Ceiling(fraction * day.Count - 1e-9);
            for (var k = 0; k < take; k++) picks[day[k].Instrument * t + d] = true;
        }
        return picks;
    }
}
