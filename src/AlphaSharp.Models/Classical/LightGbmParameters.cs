using System.Globalization;
using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical;

/// <summary>
/// Settings of <see cref="LightGbmModel"/>, under the names Qlib's LGBModel passes to LightGBM (Qlib's yaml writes
/// feature_fraction as its alias colsample_bytree and bagging_fraction as subsample). A new instance holds LightGBM's
/// own defaults plus Qlib LGBModel's constructor defaults (loss mse, 1000 rounds, early stopping after 50);
/// <see cref="QlibAlpha158"/> is Qlib's tuned benchmark. Thread count is part of the result: same seed and
/// num_threads give the same bits (the native call runs with deterministic=true and a fixed row-wise histogram layout).
/// </summary>
public sealed record LightGbmParameters
{
    /// <summary>"mse" (alias "regression": squared error, metric l2 = MSE) or "binary" (log loss on 0/1 labels).</summary>
    public string Objective { get; init; } = "mse";
    public int NumLeaves { get; init; } = 31;
    /// <summary>-1 = no limit.</summary>
    public int MaxDepth { get; init; } = -1;
    public double LearningRate { get; init; } = 0.1;
    public double LambdaL1 { get; init; }
    public double LambdaL2 { get; init; }
    /// <summary>Share of features drawn per tree (Qlib: colsample_bytree).</summary>
    public double FeatureFraction { get; init; } = 1.0;
    /// <summary>Share of rows drawn every <see cref="BaggingFreq"/> rounds (Qlib: subsample); LightGBM ignores it while bagging_freq is 0.</summary>
    public double BaggingFraction { get; init; } = 1.0;
    public int BaggingFreq { get; init; }
    public int MinDataInLeaf { get; init; } = 20;
    public int NumBoostRound { get; init; } = 1000;
    /// <summary>Stop after this many rounds without a strictly lower validation loss and keep the best round; 0 = off.</summary>
    public int EarlyStoppingRounds { get; init; } = 50;
    public int NumThreads { get; init; } = 2;
    public int Seed { get; init; }

    /// <summary>
    /// Qlib's benchmarks/LightGBM/workflow_config_lightgbm_Alpha158.yaml, num_threads 20 -> 2 for this machine. As in
    /// Qlib, bagging_freq stays 0, so LightGBM does not actually bag and subsample 0.8789 has no effect.
    /// </summary>
    public static LightGbmParameters QlibAlpha158 { get; } = new()
    {
        Objective = "mse",
        FeatureFraction = 0.8879,
        LearningRate = 0.2,
        BaggingFraction = 0.8789,
        LambdaL1 = 205.6999,
        LambdaL2 = 580.9768,
        MaxDepth = 8,
        NumLeaves = 210,
        NumThreads = 2,
        EarlyStoppingRounds = 50,
        NumBoostRound = 1000,
    };

    public bool IsBinary => Objective == "binary";

    /// <summary>Throws a <see cref="SettingException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Objective is not ("mse" or "regression" or "binary"))
            throw new SettingException($"{new SettingName("objective")}: '{Objective}' is not supported; use mse (alias regression) or binary");
        if (NumLeaves is < 2 or > 131072) throw new SettingException($"{new SettingName("num_leaves")}: {NumLeaves} is out of range; give 2..131072");
        if (MaxDepth == 0 || MaxDepth < -1) throw new SettingException($"{new SettingName("max_depth")}: {MaxDepth} is invalid; give -1 (no limit) or a depth >= 1");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new SettingException($"{new SettingName("learning_rate")}: {Num(LearningRate)} must be a finite number > 0");
        NonNegative("lambda_l1", LambdaL1);
        NonNegative("lambda_l2", LambdaL2);
        Fraction("feature_fraction", FeatureFraction);
        Fraction("bagging_fraction", BaggingFraction);
        if (BaggingFreq < 0) throw new SettingException($"{new SettingName("bagging_freq")}: {BaggingFreq} must be >= 0 (0 = no bagging)");
        if (MinDataInLeaf < 1) throw new SettingException($"{new SettingName("min_data_in_leaf")}: {MinDataInLeaf} must be >= 1");
        if (NumBoostRound < 1) throw new SettingException($"{new SettingName("num_boost_round")}: {NumBoostRound} must be >= 1");
        if (EarlyStoppingRounds < 0) throw new SettingException($"{new SettingName("early_stopping_rounds")}: {EarlyStoppingRounds} must be >= 0 (0 = off)");
        if (NumThreads < 1) throw new SettingException($"{new SettingName("num_threads")}: {NumThreads} must be >= 1 (the thread count is part of a reproducible result)");
    }

    /// <summary>The space-separated key=value string LightGBM's C API reads, for datasets and the booster alike.</summary>
    internal string ToNative() => string.Join(' ',
        $"objective={(IsBinary ? "binary" : "regression")}",
        $"metric={(IsBinary ? "binary_logloss" : "l2")}",
        $"num_leaves={NumLeaves}",
        $"max_depth={MaxDepth}",
        $"learning_rate={Num(LearningRate)}",
        $"lambda_l1={Num(LambdaL1)}",
        $"lambda_l2={Num(LambdaL2)}",
        $"feature_fraction={Num(FeatureFraction)}",
        $"bagging_fraction={Num(BaggingFraction)}",
        $"bagging_freq={BaggingFreq}",
        $"min_data_in_leaf={MinDataInLeaf}",
        $"num_threads={NumThreads}",
        $"seed={Seed}",
        // Reproducibility: no timing-based choice between row- and column-wise histograms, deterministic reductions.
        "deterministic=true",
        "force_row_wise=true",
        // Training loss each round is recorded, so LightGBM must evaluate the metric on the training set too.
        "is_provide_training_metric=true",
        "verbosity=-1");

    internal static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void NonNegative(string name, double v)
    {
        if (!(v >= 0) || !double.IsFinite(v)) throw new SettingException($"{new SettingName(name)}: {Num(v)} must be a finite number >= 0");
    }

    private static void Fraction(string name, double v)
    {
        if (!(v > 0 && v <= 1)) throw new SettingException($"{new SettingName(name)}: {Num(v)} must be in (0, 1]");
    }
}
