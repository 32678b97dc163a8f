using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Tests.Training;

/// <summary>A search records every trial, ranks on validation alone, and never lets a model see the test segment.</summary>
public class HyperSearchTests
{
    /// <summary>A model that fails the test the moment it is given a sample of the test segment, to fit or to score.</summary>
    private sealed class TestGuard(IModel inner, SegmentSpan test) : IModel
    {
        public string Kind => inner.Kind;
        public ModelInput Input => inner.Input;
        public FitReport Fit(ModelData train, ModelData? valid, FitContext context) => inner.Fit(Checked(train), valid is null ? null : Checked(valid), context);
        public float[] Predict(ModelData data) => inner.Predict(Checked(data));
        public void Save(string directory) => inner.Save(directory);

        private ModelData Checked(ModelData data) =>
            data.Samples.Days.Any(test.Contains) ? throw new InvalidOperationException("a model was given the test segment") : data;
    }

    private static NeuralModel Mlp(TrialParameters p) => new(
        NeuralModelTests.Config("mlp") with { HiddenSizes = [p.Int("hidden")] },
        NeuralModelTests.Fast() with { Epochs = 2, LearningRate = p.Double("lr") });

    private static readonly ParameterSpace Grid = new([new ValueList("lr", [1e-3, 1e-2]), new ValueList("hidden", [8, 16])]);

    [Fact]
    public void AGridOfTwoByTwoRecordsFourTrialsAndPicksTheBestOnValidationWithoutTouchingTest()
    {
        var ds = NeuralModelTests.Build();
        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-search-{Guid.NewGuid():N}");
        try
        {
            var result = HyperSearch.Run(ds, Grid, new HyperSearchOptions(), p => new TestGuard(Mlp(p), ds.Span("test")), dir);
            Assert.Equal(4, result.Trials.Count);
            Assert.Equal(["lr=0.001, hidden=8", "lr=0.001, hidden=16", "lr=0.01, hidden=8", "lr=0.01, hidden=16"], result.Trials.Select(t => t.Parameters.ToString()));
            Assert.Equal(result.Trials.Max(t => t.Score), result.Best.Score);
            Assert.Equal(result.Best.ValidIc, result.Best.Score);
            Assert.Equal(4, result.Trials.Select(t => t.Score).Distinct().Count());

            var lines = File.ReadAllLines(Path.Combine(dir, HyperSearch.TrialsFile));
            Assert.Equal("trial,lr,hidden,score,valid_loss,valid_ic,epochs,best_epoch,seconds", lines[0]);
            Assert.Equal(5, lines.Length);
            Assert.StartsWith("2,0.01,8,", lines[3]);

            // The recorded score is the validation IC a fresh fit with the best parameters reaches: scored on valid, nothing else.
            var again = Mlp(result.Best.Parameters);
            var normalizer = ds.FitNormalizer(ds.Span("train"));
            var valid = ds.ModelData(ds.Span("valid"), again.Input, normalizer, true);
            again.Fit(ds.ModelData(ds.Span("train"), again.Input, normalizer, true), valid, new FitContext());
            Assert.Equal(result.Best.Score, ValidationMetrics.Of(valid, again.Predict(valid)).Ic);
            Assert.Equal(again.Predict(valid), result.BestModel.Predict(valid));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void TheGuardItselfCatchesAModelGivenTheTestSegment()
    {
        var ds = NeuralModelTests.Build();
        Assert.Throws<InvalidOperationException>(() =>
            HyperSearch.Run(ds, Grid, new HyperSearchOptions(), p => new TestGuard(Mlp(p), ds.Span("test")), valid: "test"));
    }

    [Fact]
    public void RandomSearchDrawsTheSameTrialsFromTheSameSeedInsideTheRanges()
    {
        var space = new ParameterSpace([
            new ValueRange("lr", 1e-4, 1e-1, Log: true), new ValueRange("hidden", 4, 64, Integer: true),
            new ValueRange("dropout", 0, 0.5), new ValueList("kind", ["lstm", "gru"])]);
        var a = space.Random(50, seed: 3);
        Assert.Equal(a.Select(t => t.ToString()), space.Random(50, seed: 3).Select(t => t.ToString()));
        Assert.NotEqual(a.Select(t => t.ToString()), space.Random(50, seed: 4).Select(t => t.ToString()));
        Assert.All(a, t =>
        {
            Assert.InRange(t.Double("lr"), 1e-4, 1e-1);
            Assert.InRange(t.Int("hidden"), 4, 64);
            Assert.IsType<int>(t["hidden"]);
            Assert.InRange(t.Double("dropout"), 0, 0.5);
            Assert.Contains(t.String("kind"), new[] { "lstm", "gru" });
        });
        // Log-uniform: about as many draws below 1e-2.5 as above it.
        Assert.InRange(a.Count(t => t.Double("lr") < Math.Pow(10, -2.5)), 12, 38);
        Assert.Equal(2, a.Select(t => t.String("kind")).Distinct().Count());
    }

    [Fact]
    public void AGridOverARangeNamesTheParameter()
    {
        var space = new ParameterSpace([new ValueList("hidden", [8]), new ValueRange("lr", 1e-4, 1e-2)]);
        var e = Assert.Throws<SettingException>(() => space.Grid());
        Assert.Equal("lr", e.Setting);
        Assert.Equal("hidden", Assert.Throws<SettingException>(() => new ParameterSpace([new ValueList("hidden", [])])).Setting);
    }
}
