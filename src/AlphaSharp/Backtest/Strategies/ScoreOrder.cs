namespace AlphaSharp.Backtest.Strategies;

/// <summary>
/// Sorting instruments by score, highest first, as pandas' sort_values(ascending=False) does: missing scores (NaN)
/// go last. Ties break by instrument index (symbol order), so every run gives the same order.
/// Each (score, index) pair is packed into one 64-bit key whose unsigned order is exactly that order, so the sort is
/// a primitive array sort with no comparison delegate (the daily TopK-Dropout loop sorts a few hundred names a day).
/// </summary>
internal sealed class ScoreOrder
{
    private ulong[] _keys = new ulong[64];

    /// <summary>The decision day's eligible instruments that have a score, into <paramref name="ranked"/>, highest first.</summary>
    public void RankEligible(DecisionContext c, List<int> ranked)
    {
        var scores = c.Scores.Span;
        ranked.Clear();
        for (var i = 0; i < c.Market.N; i++)
            if (c.Eligible[i] && !float.IsNaN(scores[i])) ranked.Add(i);
        SortDescending(ranked, scores);
    }

    public void SortDescending(List<int> instruments, ReadOnlySpan<float> scores)
    {
        var n = instruments.Count;
        if (_keys.Length < n) _keys = new ulong[Math.Max(n, 2 * _keys.Length)];
        for (var k = 0; k < n; k++)
        {
            var i = instruments[k];
            _keys[k] = ((ulong)DescendingKey(scores[i]) << 32) | (uint)i;
        }
        var keys = _keys.AsSpan(0, n);
        keys.Sort();
        for (var k = 0; k < n; k++) instruments[k] = (int)(uint)keys[k];
    }

    /// <summary>A 32-bit key that sorts ascending as the score sorts descending, NaN last and -0 equal to +0.</summary>
    internal static uint DescendingKey(float score)
    {
        if (float.IsNaN(score)) return uint.MaxValue;
        if (score == 0) score = 0; // -0 -> +0
        var bits = (uint)BitConverter.SingleToInt32Bits(score);
        var ascending = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return ~ascending; // at most 0xFFFFFFFE for a number: uint.MaxValue is left to NaN
    }
}
