using AlphaSharp.Common;
using AlphaSharp.Models.Classical;

namespace AlphaSharp.Models.Tests.Classical;

public class LightGbmParametersTests
{
    private static readonly PlantedData D = PlantedData.Make(200, 4, seed: 21);

    public static TheoryData<string, string> BadSettings => new()
    {
        { "objective", "objective: 'huber' is not supported; use mse (alias regression) or binary" },
        { "num_leaves", "num_leaves: 1 is out of range; give 2..131072" },
        { "max_depth", "max_depth: 0 is invalid; give -1 (no limit) or a depth >= 1" },
        { "learning_rate", "learning_rate: 0 must be a finite number > 0" },
        { "learning_rate_nan", "learning_rate: NaN must be a finite number > 0" },
        { "lambda_l1", "lambda_l1: -1 must be a finite number >= 0" },
        { "lambda_l2", "lambda_l2: Infinity must be a finite number >= 0" },
        { "feature_fraction", "feature_fraction: 0 must be in (0, 1]" },
        { "bagging_fraction", "bagging_fraction: 1.5 must be in (0, 1]" },
        { "bagging_freq", "bagging_freq: -1 must be >= 0 (0 = no bagging)" },
        { "min_data_in_leaf", "min_data_in_leaf: 0 must be >= 1" },
        { "num_boost_round", "num_boost_round: 0 must be >= 1" },
        { "early_stopping_rounds", "early_stopping_rounds: -5 must be >= 0 (0 = off)" },
        { "num_threads", "num_threads: 0 must be >= 1 (the thread count is part of a reproducible result)" },
    };

    private static LightGbmParameters Bad(string setting) => setting switch
    {
        "objective" => new() { Objective = "huber" },
        "num_leaves" => new() { NumLeaves = 1 },
        "max_depth" => new() { MaxDepth = 0 },
        "learning_rate" => new() { LearningRate = 0 },
        "learning_rate_nan" => new() { LearningRate = double.NaN },
        "lambda_l1" => new() { LambdaL1 = -1 },
        "lambda_l2" => new() { LambdaL2 = double.PositiveInfinity },
        "feature_fraction" => new() { FeatureFraction = 0 },
        "bagging_fraction" => new() { BaggingFraction = 1.5 },
        "bagging_freq" => new() { BaggingFreq = -1 },
        "min_data_in_leaf" => new() { MinDataInLeaf = 0 },
        "num_boost_round" => new() { NumBoostRound = 0 },
        "early_stopping_rounds" => new() { EarlyStoppingRounds = -5 },
        "num_threads" => new() { NumThreads = 0 },
        _ => throw new ArgumentOutOfRangeException(nameof(setting)),
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Each_bad_setting_gives_its_one_line_message(string setting, string message)
    {
        var e = Assert.Throws<SettingException>(() => LightGbmModel.Fit(Bad(setting), D.X, D.Y));
        Assert.Equal(message, e.Message);
        Assert.Equal(setting.Replace("_nan", ""), e.Setting);
        Assert.DoesNotContain('\n', e.Message);
    }

    public static TheoryData<string, string> BadData => new()
    {
        { "x_shape", "train x: 799 values are not rows x features for 200 rows (y)" },
        { "y_nan", "train y: row 3 is NaN; labels must be finite" },
        { "binary_label", "train y: row 0 is 2; objective binary needs labels 0 or 1" },
        { "weights_length", "train weights: 199 values for 200 rows" },
        { "weights_negative", "train weights: row 5 is -1; weights must be finite and >= 0" },
        { "valid_width", "valid x: 3 features per row, the training set has 4" },
    };

    [Theory]
    [MemberData(nameof(BadData))]
    public void Bad_data_gives_a_one_line_message(string what, string message)
    {
        var x = D.X;
        var y = (float[])D.Y.Clone();
        float[]? w = null;
        LightGbmSet? valid = null;
        var p = new LightGbmParameters { NumBoostRound = 5 };
        switch (what)
        {
            case "x_shape": x = x[..799]; break;
            case "y_nan": y[3] = float.NaN; break;
            case "binary_label": p = p with { Objective = "binary" }; y[0] = 2; break;
            case "weights_length": w = new float[199]; break;
            case "weights_negative": w = new float[200]; w[5] = -1; break;
            case "valid_width": valid = new LightGbmSet(new float[30], new float[10]); break;
        }
        var e = Assert.Throws<InputException>(() => LightGbmModel.Fit(p, x, y, w, valid));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Predict_checks_the_width()
    {
        using var m = LightGbmModel.Fit(new LightGbmParameters { NumBoostRound = 5 }, D.X, D.Y);
        var e = Assert.Throws<InputException>(() => m.Predict(new float[15], 5));
        Assert.Equal("x: 15 values are not 5 rows x 4 features (the model's)", e.Message);
    }

    [Fact]
    public void Qlib_alpha158_preset_matches_the_benchmark_yaml()
    {
        // benchmarks/LightGBM/workflow_config_lightgbm_Alpha158.yaml (num_threads 20 there, 2 here).
        var q = LightGbmParameters.QlibAlpha158;
        Assert.Equal(("mse", 0.8879, 0.2, 0.8789, 205.6999, 580.9768, 8, 210, 2, 50, 1000, 0),
            (q.Objective, q.FeatureFraction, q.LearningRate, q.BaggingFraction, q.LambdaL1, q.LambdaL2, q.MaxDepth, q.NumLeaves,
                q.NumThreads, q.EarlyStoppingRounds, q.NumBoostRound, q.BaggingFreq));
        q.Validate();
    }
}
