using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;
using Xunit.Abstractions;

namespace AlphaSharp.Models.Tests.Nets;

/// <summary>
/// The papers' and Qlib's networks (ALSTM, LSTM-GRU, CNN, TCN, Transformer) on NeuralModelTests' planted signal:
/// each finds it from a fixed seed, saves and loads to the same bits, and a classifier finds it from up/down labels.
/// </summary>
public class PaperNetsTests(ITestOutputHelper output)
{
    /// <summary>NeuralModelTests' tiny sizes, with the kind's own settings kept as small.</summary>
    internal static NetConfig Config(string kind) => NeuralModelTests.Config(kind) with
    {
        KernelSize = 3,
        Layers = kind == "tcn" ? 2 : 1,
        Heads = 2,
        FeedForward = 32,
    };

    [Theory]
    [InlineData("alstm", 0.45)]
    [InlineData("lstm_gru", 0.45)]
    [InlineData("cnn", 0.45)]
    [InlineData("tcn", 0.45)]
    [InlineData("transformer", 0.45)]
    public void EachNetworkFindsThePlantedSignal(string kind, double minRankIc)
    {
        NeuralModelTests.AssertFindsSignal(NeuralModelTests.Build(), Config(kind), NeuralModelTests.Fast(), minRankIc, output.WriteLine);
    }

    [Fact]
    public void AClassifierOnUpDownLabelsFindsThePlantedSignal()
    {
        var ds = NeuralModelTests.Build();
        var model = new NeuralModel(Config("tcn") with { Outputs = 2 }, NeuralModelTests.Fast());
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var train = UpDown(ds.ModelData(ds.Span("train"), model.Input, normalizer, forFitting: true));
        var valid = UpDown(ds.ModelData(ds.Span("valid"), model.Input, normalizer, forFitting: true));
        var report = model.Fit(train, valid, new FitContext());
        // The score is P(up); it ranks against the continuous labels.
        var ic = NeuralModelTests.RankIc(ds, model, "valid");
        output.WriteLine($"tcn classifier: validation rank IC {ic:F4} after {report.Epochs} epochs (best {report.BestEpoch})");
        Assert.True(ic > 0.45, $"tcn classifier: validation rank IC {ic:F3}");
        Assert.All(model.Predict(valid), p => Assert.InRange(p, 0f, 1f));
    }

    private static ModelData UpDown(ModelData data) =>
        new(data.Sampler, data.Samples, data.Labels!.Select(l => l > 0 ? 1f : 0f).ToArray());

    [Theory]
    [InlineData("alstm")]
    [InlineData("lstm_gru")]
    [InlineData("cnn")]
    [InlineData("tcn")]
    [InlineData("transformer")]
    public void ASavedModelPredictsTheSameBitsAfterLoading(string kind)
    {
        var ds = NeuralModelTests.Build();
        NeuralModelTests.AssertReloadsToTheSameBits(ds, NeuralModelTests.Fit(ds, Config(kind) with { Dropout = 0.1f }, NeuralModelTests.Fast() with { Epochs = 1 }).Model);
    }

    /// <summary>
    /// With dropout on, a fit killed after two of four epochs and resumed by a fresh model reaches the uninterrupted
    /// fit's parameters bit for bit: every dropout of the net (attention, feed-forward, between layers) draws from the
    /// one stream the checkpoint saves.
    /// </summary>
    [Theory]
    [InlineData("transformer")]
    [InlineData("alstm")]
    [InlineData("tcn")]
    public void AKilledFitWithDropoutResumesToTheSameParameters(string kind)
    {
        var ds = NeuralModelTests.Build();
        var config = Config(kind) with { Dropout = 0.2f };
        var options = NeuralModelTests.Fast() with { Epochs = 4, Patience = 10 };
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var straightModel = new NeuralModel(config, options);
        var train = ds.ModelData(ds.Span("train"), straightModel.Input, normalizer, true);
        // No validation segment: every epoch is kept, so the final weights are the fourth epoch's and not an earlier
        // best one that a run interrupted after it would share whatever its dropout drew.
        straightModel.Fit(train, null, new FitContext());
        var straight = straightModel.Net.StateDict();
        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-resume-{Guid.NewGuid():N}");
        try
        {
            var model = new NeuralModel(config, options);
            using var cts = new CancellationTokenSource();
            var epochsSeen = 0;
            Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(train, null, new FitContext(dir, p =>
            {
                if (p.EpochDone && ++epochsSeen == 2) cts.Cancel();
            }, cts.Token)));
            var again = new NeuralModel(config, options);
            Assert.Equal(4, again.Fit(train, null, new FitContext(dir)).Log.Count);
            Assert.All(straight, p => Assert.Equal(p.Value.Data, again.Net.StateDict()[p.Key].Data));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("alstm", "rnn_type")]
    [InlineData("transformer", "nhead")]
    [InlineData("transformer", "hidden_size")]
    [InlineData("cnn", "num_layers")]
    public void ABadSettingIsOneLineNamingIt(string kind, string setting)
    {
        var config = Config(kind) with { Layers = 1 };
        config = setting switch
        {
            "rnn_type" => config with { RnnType = "TRANSFORMER" },
            "nhead" => config with { Heads = 3 },
            "hidden_size" => config with { Hidden = 15, Heads = 1 },
            _ => config with { Layers = 4 }, // an 8-day window halved four times
        };
        var e = Assert.Throws<SettingException>(() => NetCatalog.Create(config, 1));
        Assert.Equal(setting, e.Setting);
        Assert.StartsWith(setting + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
