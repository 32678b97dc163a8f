using AlphaSharp.Common;
using AlphaSharp.Factors.FeatureSets;

namespace AlphaSharp.Evaluation.MultiFactor;

/// <summary>How the screened factors are weighted in the composite.</summary>
public enum CompositeWeighting { Equal, Ic, IcIr }

/// <summary>
/// Paper 001's pipeline settings. Defaults are the paper's: candidates pb, pe, ps, float market value and momentum;
/// screening by |mean IC| &gt; 0.02 and |IC_IR| &gt; 0.6 over 5, 15 and 30-day horizons; Schmidt orthogonalisation; equal
/// weights; a monthly quintile test on CSI 300 members from April 2017 to August 2020.
/// </summary>
public sealed record MultiFactorOptions
{
    public IReadOnlyList<Feature> Factors { get; init; } = Paper001Factors.Set.Required;
    public IReadOnlyList<UnavailableFeature> Unavailable { get; init; } = Paper001Factors.Set.Missing;
    public IReadOnlyList<int> Horizons { get; init; } = [5, 15, 30];
    public double MinAbsIc { get; init; } = 0.02;
    public double MinAbsIcIr { get; init; } = 0.6;
    /// <summary>True: a factor must pass both thresholds at every horizon; false: at one horizon at least.</summary>
    public bool PassAllHorizons { get; init; }
    /// <summary>
    /// When no candidate passes: true combines them all (the paper turns and combines all five of its candidates),
    /// false leaves no composite. The report says which happened.
    /// </summary>
    public bool KeepAllIfNonePass { get; init; } = true;
    public OrthogonalizationKind Orthogonalization { get; init; } = OrthogonalizationKind.Schmidt;
    public CompositeWeighting Weighting { get; init; } = CompositeWeighting.Equal;
    /// <summary>Median +- k x 1.4826 MAD clip before the z-score (0 = none).</summary>
    public double WinsorizeMad { get; init; } = 3;
    public DateOnly ScreenStart { get; init; } = new(2017, 1, 1);
    public DateOnly ScreenEnd { get; init; } = new(2021, 12, 31);
    public DateOnly TestStart { get; init; } = new(2017, 4, 1);
    public DateOnly TestEnd { get; init; } = new(2020, 8, 31);
    public int Layers { get; init; } = 5;
    /// <summary>
    /// false (default): a member enters the composite only with every kept factor. true: a member with at least one gets
    /// 0, the cross-sectional mean of a z-scored factor, for the ones it lacks (more coverage, diluted signal).
    /// </summary>
    public bool FillMissingWithMean { get; init; }

    /// <summary>The names of <see cref="Orthogonalization"/> a config accepts.</summary>
    public static SettingChoices<OrthogonalizationKind> OrthogonalizationChoices { get; } =
        new(("schmidt", OrthogonalizationKind.Schmidt), ("symmetric", OrthogonalizationKind.Symmetric), ("none", OrthogonalizationKind.None));

    /// <summary>The names of <see cref="Weighting"/> a config accepts.</summary>
    public static SettingChoices<CompositeWeighting> WeightingChoices { get; } = new(("equal", CompositeWeighting.Equal), ("ic", CompositeWeighting.Ic), ("icir", CompositeWeighting.IcIr));

    /// <summary>The names of <see cref="FillMissingWithMean"/> a config accepts.</summary>
    public static SettingChoices<bool> FillMissingChoices { get; } = new(("drop", false), ("mean", true));

    public void Validate()
    {
        var factors = new SettingName("factors");
        if (Factors.Count == 0) throw new SettingException($"{factors}: no candidate factors");
        if (Factors.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != Factors.Count)
            throw new SettingException($"{factors}: factor names repeat");
        SettingParsers.CheckHorizons(Horizons);
        if (!(MinAbsIc >= 0)) throw new SettingException($"{new SettingName("min_abs_ic")} {MinAbsIc}: must be 0 or more");
        if (!(MinAbsIcIr >= 0)) throw new SettingException($"{new SettingName("min_abs_icir")} {MinAbsIcIr}: must be 0 or more");
        if (ScreenStart > ScreenEnd)
            throw new SettingException($"{new SettingName("screen_end")} {ScreenEnd:yyyy-MM-dd} is before {new SettingName("screen_start")} {ScreenStart:yyyy-MM-dd}: the screening period is empty");
        if (TestStart > TestEnd)
            throw new SettingException($"{new SettingName("test_end")} {TestEnd:yyyy-MM-dd} is before {new SettingName("test_start")} {TestStart:yyyy-MM-dd}: the test period is empty");
        if (Layers < 2) throw new SettingException($"{new SettingName("layers")} {Layers}: need 2 or more");
        if (!(WinsorizeMad >= 0)) throw new SettingException($"{new SettingName("winsorize_mad")} {WinsorizeMad}: need 0 or more");
    }
}
