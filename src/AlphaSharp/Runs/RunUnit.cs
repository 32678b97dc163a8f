using System.Globalization;
using AlphaSharp.Common;

namespace AlphaSharp.Runs;

/// <summary>
/// One unit of a run's work (a model x seed x walk-forward window): its index is stable (the order the workflow lists
/// its units in, which depends on the resolved configuration alone), its key names it in the run's directory.
/// </summary>
public sealed record RunUnit(int Index, string Key)
{
    public string DirectoryName => $"{Index.ToString("D4", CultureInfo.InvariantCulture)}-{Key}";
}

/// <summary>
/// Shard K of N (1-based): the units whose index is K - 1 modulo N, so N machines given 1/N .. N/N between them run
/// every unit exactly once, and a Slurm array or Kubernetes Indexed Job maps its task index straight onto K.
/// </summary>
public sealed record RunShard(int K, int N)
{
    public static readonly RunShard Whole = new(1, 1);

    public bool Includes(RunUnit unit) => unit.Index % N == K - 1;

    /// <summary>Parses <c>K/N</c>; anything else is a setting error naming <c>shard</c>.</summary>
    public static RunShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && k >= 1 && k <= n)
            return new RunShard(k, n);
        throw new SettingException($"{new SettingName("shard")} '{text}': expected K/N with 1 <= K <= N, such as 2/4");
    }

    public override string ToString() => $"{K}/{N}";
}
