namespace AlphaSharp.Cli.Workflow;

/// <summary>The valid name closest to a misspelt one (edit distance), for "did you mean" hints.</summary>
public static class Suggest
{
    /// <summary>The closest of <paramref name="names"/>, or null when none is within a third of the word's length (at least 2 edits).</summary>
    public static string? Closest(string word, IEnumerable<string> names)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in names)
        {
            var d = Distance(word.ToLowerInvariant(), name.ToLowerInvariant());
            // A name that contains the word (or is contained) is a likely intent even when the lengths differ a lot.
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase) || word.Contains(name, StringComparison.OrdinalIgnoreCase)) d = Math.Min(d, 2);
            if (d < bestDistance) (best, bestDistance) = (name, d);
        }
        return bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
