using AlphaSharp.Models.Classical;

namespace AlphaSharp.Models.Tests.Classical;

public class LightGbmModelTests
{
    private static readonly LightGbmParameters Small = new()
    {
        NumLeaves = 31, LearningRate = 0.1, NumBoostRound = 300, EarlyStoppingRounds = 30, NumThreads = 2, Seed = 7,
    };

    private static LightGbmSet Set(PlantedData d) => new(d.X, d.Y);

    [Fact]
    public void Planted_signal_is_learned()
    {
        var train = PlantedData.Make(4000, 6, seed: 1);
        var valid = PlantedData.Make(2000, 6, seed: 2);
        using var m = LightGbmModel.Fit(Small, train.X, train.Y, null, Set(valid));
        var p = m.Predict(valid.X, valid.Rows);
        var mse = Stats.Mse(p, valid.Y);
        // var(y) is about 1.44 (sin(x0): 0.43, x1 x2: 1, noise 0.01); trees recover most of it from 4,000 rows.
        Assert.True(mse < 0.1 * Stats.Variance(valid.Y), $"valid MSE {mse} vs var(y) {Stats.Variance(valid.Y)}");
        Assert.True(Stats.Pearson(p, valid.Truth) > 0.95, $"pearson {Stats.Pearson(p, valid.Truth)}");
        Assert.True(Stats.Spearman(p, valid.Truth) > 0.95, $"spearman {Stats.Spearman(p, valid.Truth)}");
        // LightGBM's l2 metric of the kept round is the MSE computed here from the (float) predictions.
        Assert.Equal(mse, m.ValidLoss[m.BestIteration - 1], 1e-5);
        Assert.True(m.TrainLoss[^1] < m.TrainLoss[0]);
    }

    [Fact]
    public void Same_seed_gives_the_same_bits_and_another_seed_does_not()
    {
        var train = PlantedData.Make(3000, 6, seed: 3);
        var valid = PlantedData.Make(1000, 6, seed: 4);
        var p = Small with { FeatureFraction = 0.7, BaggingFraction = 0.7, BaggingFreq = 1, NumBoostRound = 80 };
        float[] Run(LightGbmParameters q)
        {
            using var m = LightGbmModel.Fit(q, train.X, train.Y, null, Set(valid));
            return m.Predict(valid.X, valid.Rows);
        }
        var a = Run(p);
        var b = Run(p);
        Assert.Equal(Bits(a), Bits(b));
        Assert.NotEqual(Bits(a), Bits(Run(p with { Seed = 8 })));
    }

    [Fact]
    public void Save_and_load_predict_the_same_bits()
    {
        var train = PlantedData.Make(3000, 6, seed: 5);
        var valid = PlantedData.Make(1000, 6, seed: 6);
        var dir = Directory.CreateTempSubdirectory("lgbm-");
        try
        {
            var path = Path.Combine(dir.FullName, "model.json");
            using var m = LightGbmModel.Fit(Small with { NumBoostRound = 60 }, train.X, train.Y, null, Set(valid));
            m.Save(path);
            using var back = LightGbmModel.Load(path);
            Assert.Equal(Bits(m.Predict(valid.X, valid.Rows)), Bits(back.Predict(valid.X, valid.Rows)));
            Assert.Equal(m.Parameters, back.Parameters);
            Assert.Equal(m.ModelText, back.ModelText);
            Assert.Equal(m.BestIteration, back.BestIteration);
            Assert.Equal(m.TrainLoss, back.TrainLoss);
            Assert.Equal(m.ValidLoss, back.ValidLoss);
            Assert.Equal(["model.json"], dir.GetFiles().Select(f => f.Name));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_damaged_model_file_names_itself()
    {
        var d = PlantedData.Make(500, 4, seed: 18);
        var dir = Directory.CreateTempSubdirectory("lgbm-");
        try
        {
            var path = Path.Combine(dir.FullName, "model.json");
            using (var m = LightGbmModel.Fit(Small with { NumBoostRound = 5 }, d.X, d.Y)) m.Save(path);
            var text = File.ReadAllText(path);
            File.WriteAllText(path, text[..text.IndexOf("\"model\"", StringComparison.Ordinal)] + "\"model\": \"tree\\nbroken\"\n}\n");
            var e = Assert.Throws<AlphaSharp.Common.InputException>(() => LightGbmModel.Load(path));
            Assert.StartsWith($"{path}: the model text does not load (LightGBM LGBM_BoosterLoadModelFromString failed: ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
            File.WriteAllText(path, "{\"format\": \"something else\"}");
            Assert.Equal($"{path}: not an AlphaSharp LightGBM model (format is not alphasharp.lightgbm/1)",
                Assert.Throws<AlphaSharp.Common.InputException>(() => LightGbmModel.Load(path)).Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Early_stopping_stops_and_keeps_the_best_round()
    {
        // Validation flips the interaction: learning sin(x0) helps it, learning x1 x2 then hurts it.
        var train = PlantedData.Make(3000, 6, seed: 9);
        var valid = PlantedData.Make(1000, 6, seed: 10, interaction: -1);
        var p = Small with { NumBoostRound = 500, EarlyStoppingRounds = 20 };
        using var m = LightGbmModel.Fit(p, train.X, train.Y, null, Set(valid));
        Assert.Equal(m.BestIteration + 20, m.ValidLoss.Count);
        Assert.True(m.ValidLoss.Count < 500);
        var best = m.ValidLoss[m.BestIteration - 1];
        Assert.Equal(m.ValidLoss.Min(), best);
        Assert.All(m.ValidLoss.Skip(m.BestIteration), v => Assert.True(v >= best));
        Assert.True(m.ValidLoss[^1] > best);
        // The model predicts with the best round, not the last one run.
        Assert.Equal(best, Stats.Mse(m.Predict(valid.X, valid.Rows), valid.Y), 1e-5);
        Assert.Equal(m.ValidLoss.Count, m.TrainLoss.Count);
    }

    [Fact]
    public void Early_stopping_off_keeps_every_round()
    {
        var train = PlantedData.Make(3000, 6, seed: 9);
        var valid = PlantedData.Make(1000, 6, seed: 10, interaction: -1);
        using var m = LightGbmModel.Fit(Small with { NumBoostRound = 60, EarlyStoppingRounds = 0 }, train.X, train.Y, null, Set(valid));
        Assert.Equal(60, m.BestIteration);
        Assert.Equal(60, m.ValidLoss.Count);
        Assert.True(m.ValidLoss[^1] > m.ValidLoss.Min());
        Assert.Equal(m.ValidLoss[^1], Stats.Mse(m.Predict(valid.X, valid.Rows), valid.Y), 1e-5);
    }

    [Fact]
    public void Nan_features_are_missing_values_with_their_own_branch()
    {
        // x0 missing in a fifth of the rows, and those rows have y = 3: only the missing-value side of a split explains it.
        static PlantedData WithHoles(PlantedData d)
        {
            var rng = new Random(11);
            for (var i = 0; i < d.Rows; i++)
                if (rng.NextDouble() < 0.2)
                {
                    d.X[i * d.Features] = float.NaN;
                    d.Truth[i] = 3 + d.X[i * d.Features + 1] * d.X[i * d.Features + 2];
                    d.Y[i] = d.Truth[i];
                }
            return d;
        }
        var train = WithHoles(PlantedData.Make(4000, 6, seed: 12));
        var valid = WithHoles(PlantedData.Make(2000, 6, seed: 13));
        using var m = LightGbmModel.Fit(Small, train.X, train.Y, null, Set(valid));
        var p = m.Predict(valid.X, valid.Rows);
        Assert.All(p, v => Assert.True(float.IsFinite(v)));
        Assert.True(Stats.Mse(p, valid.Y) < 0.1 * Stats.Variance(valid.Y), $"valid MSE {Stats.Mse(p, valid.Y)}");
        var holes = Enumerable.Range(0, valid.Rows).Where(i => float.IsNaN(valid.X[i * 6])).ToArray();
        var gap = holes.Average(i => (double)p[i] - valid.X[i * 6 + 1] * valid.X[i * 6 + 2]);
        Assert.InRange(gap, 2.7, 3.3);
    }

    [Fact]
    public void Weights_enter_the_loss()
    {
        // Without a validation set every round is kept, so the last training loss is the weighted MSE of the fitted model.
        var d = PlantedData.Make(2000, 6, seed: 14);
        var w = new float[d.Rows];
        var rng = new Random(15);
        for (var i = 0; i < w.Length; i++) w[i] = (float)rng.NextDouble() * 2;
        using var m = LightGbmModel.Fit(Small with { NumBoostRound = 40 }, d.X, d.Y, w);
        Assert.Equal(40, m.BestIteration);
        Assert.Empty(m.ValidLoss);
        var p = m.Predict(d.X, d.Rows);
        double num = 0, den = 0;
        for (var i = 0; i < d.Rows; i++)
        {
            num += w[i] * ((double)p[i] - d.Y[i]) * ((double)p[i] - d.Y[i]);
            den += w[i];
        }
        Assert.Equal(num / den, m.TrainLoss[^1], 1e-5);
        Assert.NotEqual(Stats.Mse(p, d.Y), m.TrainLoss[^1], 1e-5);
    }

    [Fact]
    public void Binary_objective_gives_probabilities_and_log_loss()
    {
        var train = PlantedData.Make(3000, 6, seed: 16);
        var valid = PlantedData.Make(1000, 6, seed: 17);
        static float[] Labels(PlantedData d) => [.. d.Y.Select(v => v > 0 ? 1f : 0f)];
        var yv = Labels(valid);
        using var m = LightGbmModel.Fit(Small with { Objective = "binary" }, train.X, Labels(train), null, new LightGbmSet(valid.X, yv));
        var p = m.Predict(valid.X, valid.Rows);
        Assert.All(p, v => Assert.InRange(v, 0f, 1f));
        var accuracy = Enumerable.Range(0, p.Length).Average(i => (p[i] > 0.5f) == (yv[i] == 1f) ? 1.0 : 0.0);
        Assert.True(accuracy > 0.85, $"accuracy {accuracy}");
        var logLoss = -Enumerable.Range(0, p.Length).Average(i => yv[i] == 1f ? Math.Log(p[i]) : Math.Log(1 - p[i]));
        Assert.Equal(logLoss, m.ValidLoss[m.BestIteration - 1], 1e-4);
    }

    [Fact]
    public void Native_errors_carry_lightgbm_text()
    {
        var e = Assert.Throws<LightGbmException>(() => LightGbmNative.LoadModelFromString("not a model", out _));
        Assert.Equal("LGBM_BoosterLoadModelFromString", e.Function);
        Assert.StartsWith("LightGBM LGBM_BoosterLoadModelFromString failed: ", e.Message);
        Assert.True(e.Message.Length > "LightGBM LGBM_BoosterLoadModelFromString failed: ".Length + 5, e.Message);
    }

    private static int[] Bits(float[] v) => [.. v.Select(BitConverter.SingleToInt32Bits)];
}
