using AlphaSharp.Common;

namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>
/// AlphaNet's feature-extraction operators over a window of d days of a "data image" (features x days). Pair
/// operators (ts_corr, ts_cov) give one channel per pair of inputs, every other operator one per input. The names and
/// definitions are the factor engine's operators of the same names (ddof 1 for the moments; ts_return over a window
/// of d days is the engine's Return(x, d - 1), the growth from the window's first day to its last; ts_decaylinear
/// weighs the window's days 1..d, newest heaviest, like the engine's WMA).
/// </summary>
public enum ImageOperator
{
    Corr,
    Cov,
    Stddev,
    Zscore,
    Return,
    DecayLinear,
    Mean,
    Min,
    Max,
}

public static class ImageOperators
{
    private static readonly (ImageOperator Op, string Name)[] Names =
    [
        (ImageOperator.Corr, "ts_corr"), (ImageOperator.Cov, "ts_cov"), (ImageOperator.Stddev, "ts_stddev"),
        (ImageOperator.Zscore, "ts_zscore"), (ImageOperator.Return, "ts_return"), (ImageOperator.DecayLinear, "ts_decaylinear"),
        (ImageOperator.Mean, "ts_mean"), (ImageOperator.Min, "ts_min"), (ImageOperator.Max, "ts_max"),
    ];

    /// <summary>AlphaNet's six extraction operators, in the order of its papers (V1..V4's extraction layer).</summary>
    public static IReadOnlyList<ImageOperator> Extraction { get; } =
        [ImageOperator.Corr, ImageOperator.Cov, ImageOperator.Stddev, ImageOperator.Zscore, ImageOperator.Return, ImageOperator.DecayLinear];

    /// <summary>V1's pooling operators over the extracted channels.</summary>
    public static IReadOnlyList<ImageOperator> Pooling { get; } = [ImageOperator.Mean, ImageOperator.Max, ImageOperator.Min];

    public static string Name(this ImageOperator op) => Names.First(n => n.Op == op).Name;

    public static ImageOperator Parse(string name) =>
        Names.FirstOrDefault(n => n.Name == name) is { Name: not null } hit
            ? hit.Op
            : throw new SettingException($"{new SettingName("operators")}: '{name}' is not an AlphaNet operator; operators: {string.Join(", ", Names.Select(n => n.Name))}");

    public static bool IsPair(this ImageOperator op) => op is ImageOperator.Corr or ImageOperator.Cov;

    /// <summary>Needs two days at least: the moments use ddof 1, and a return needs a first and a last day.</summary>
    public static int MinWindow(this ImageOperator op) => op is ImageOperator.Mean or ImageOperator.Min or ImageOperator.Max or ImageOperator.DecayLinear ? 1 : 2;

    /// <summary>Channels the operator makes from <paramref name="inputs"/> series.</summary>
    public static int Channels(this ImageOperator op, int inputs) => op.IsPair() ? inputs * (inputs - 1) / 2 : inputs;
}
