using AlphaSharp.Common;
using AlphaSharp.Factors.Labels;

namespace AlphaSharp.Evaluation.Factor;

/// <summary>What the factor is correlated with.</summary>
public enum EvalLabel
{
    /// <summary>The stock's forward return.</summary>
    Return,
    /// <summary>Forward return minus the benchmark's.</summary>
    Excess,
    /// <summary>The residual of the forward return on industries and style exposures (paper 003's target).</summary>
    StyleNeutral,
}

/// <summary>Settings of a single-factor evaluation.</summary>
public sealed record FactorEvalOptions
{
    public IReadOnlyList<int> Horizons { get; init; } = [1, 5, 10, 20];
    public int Layers { get; init; } = 5;
    /// <summary>Lags of the IC decay (one-day returns from t + k to t + k + 1, k below this).</summary>
    public int DecayLags { get; init; } = 20;
    public LabelPrice Price { get; init; } = LabelPrice.Close;
    /// <summary>Label of the IC and decay (the layer test always uses plain one-day returns, against the member average).</summary>
    public EvalLabel Label { get; init; } = EvalLabel.Return;
    public StyleOptions Style { get; init; } = new();
    /// <summary>First and last decision dates evaluated (calendar indices, inclusive).</summary>
    public int From { get; init; }
    public int To { get; init; } = int.MaxValue;

    /// <summary>The names of <see cref="Price"/> a front end accepts.</summary>
    public static SettingChoices<LabelPrice> PriceChoices { get; } = new(("close", LabelPrice.Close), ("open", LabelPrice.Open), ("vwap", LabelPrice.Vwap));

    /// <summary>The names of <see cref="Label"/> a front end accepts.</summary>
    public static SettingChoices<EvalLabel> LabelChoices { get; } = new(("return", EvalLabel.Return), ("excess", EvalLabel.Excess), ("neutral", EvalLabel.StyleNeutral));

    public void Validate()
    {
        SettingParsers.CheckHorizons(Horizons);
        if (Layers < 2 || Layers > 50) throw new SettingException($"{new SettingName("layers")} {Layers}: use 2 to 50 layers");
        if (DecayLags < 1) throw new SettingException($"{new SettingName("decay_lags")} {DecayLags}: use 1 or more");
    }
}
