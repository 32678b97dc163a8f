using AlphaSharp.Common;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Nets.AlphaNet;
using AlphaSharp.Models.Training;
using Xunit.Abstractions;

namespace AlphaSharp.Models.Tests.Nets.AlphaNet;

/// <summary>
/// The AlphaNet family on NeuralModelTests' planted signal (each finds it from a fixed seed), V4's Spearman choice made
/// on the first batch, recorded in its config and kept through save and load, and the kinds' setting checks.
/// </summary>
public class AlphaNetTests(ITestOutputHelper output)
{
    /// <summary>The published shapes at a test's size: 30 days for V1-V3, V4's 20 steps over 39 days.</summary>
    private static NetConfig Config(string kind) => new()
    {
        Kind = kind,
        Features = NeuralModelTests.Features.Length,
        Window = kind == "alphanet_v4" ? 39 : 30,
        Hidden = 16,
        Dropout = kind == "alphanet_v1" ? 0.5f : kind == "alphanet_v4" ? 0.2f : 0,
    };

    [Theory]
    [InlineData("alphanet_v1", 0.3)]
    [InlineData("alphanet_v2", 0.3)]
    [InlineData("alphanet_v3", 0.3)]
    public void V1_to_V3_find_the_planted_signal(string kind, double minRankIc)
    {
        NeuralModelTests.AssertFindsSignal(NeuralModelTests.Build(), Config(kind), NeuralModelTests.Fast(), minRankIc, output.WriteLine);
    }

    /// <summary>
    /// V4 reads its 20 steps through attention, an average: on the planted market's fresh daily signal (only the last
    /// step knows it) it learned nothing in 25 epochs (rank IC 0.02-0.07), and with the persistent log-volume feature in
    /// its inputs it fits each stock's level and fails on validation (0.12-0.15). A persistent signal (rho 0.9) without
    /// that feature is what its read-out is built for; it finds it (0.23-0.24 at lr 1e-3 when this was written).
    /// </summary>
    [Fact]
    public void V4_finds_a_persistent_planted_signal()
    {
        var features = NeuralModelTests.Features.Where(f => f.Name != "vol").ToArray();
        var ds = NeuralModelTests.Build(persistence: 0.9, features: features);
        NeuralModelTests.AssertFindsSignal(ds, Config("alphanet_v4") with { Features = features.Length }, NeuralModelTests.Fast() with { LearningRate = 1e-3 }, 0.18, output.WriteLine);
    }

    [Fact]
    public void V4_fixes_its_channels_on_the_first_batch_and_a_saved_model_keeps_them()
    {
        var ds = NeuralModelTests.Build();
        var config = Config("alphanet_v4");
        var untrained = new NeuralModel(config, NeuralModelTests.Fast());
        var all = ((AlphaNetV4)untrained.Net).Channels;
        Assert.Equal(2 * 6 + 4 * 4, all); // 4 inputs: 6 pairs for ts_corr and ts_cov, 4 series for the other four
        var (model, _) = NeuralModelTests.Fit(ds, config, NeuralModelTests.Fast() with { Epochs = 1 });
        var kept = model.Config.AlphaNet.Kept;
        Assert.NotNull(kept);
        Assert.InRange(kept!.Length, 1, all - 1); // the planted market's 28 channels are not all below 0.8 of each other
        Assert.Equal(kept.Length, ((AlphaNetV4)model.Net).Channels);

        // The choice is the first batch's: a second fit from the same seed makes it again.
        var (again, _) = NeuralModelTests.Fit(ds, config, NeuralModelTests.Fast() with { Epochs = 1 });
        Assert.Equal(kept, again.Config.AlphaNet.Kept);

        NeuralModelTests.AssertReloadsToTheSameBits(ds, model); // the rebuilt layers hold the kept channels, or the state would not load
    }

    [Fact]
    public void V4_ablations_build_and_run()
    {
        var ds = NeuralModelTests.Build();
        foreach (var settings in new[]
        {
            new AlphaNetSettings { Attention = false },
            new AlphaNetSettings { Transformer = false, Windows = [10] },
            new AlphaNetSettings { Spearman = 1 },
            new AlphaNetSettings { Steps = 10, Windows = [10, 2, 5, 20] },
        })
        {
            var (model, report) = NeuralModelTests.Fit(ds, Config("alphanet_v4") with { AlphaNet = settings }, NeuralModelTests.Fast() with { Epochs = 1 });
            Assert.Equal(1, report.Epochs);
            Assert.Equal(settings.Spearman < 1, model.Config.AlphaNet.Kept is not null);
        }
    }

    /// <summary>
    /// The operator-significance view on weights set by hand: kept channels 1, 5 and 9 of four inputs (a, b, c, d) are
    /// ts_corr(a,c), ts_corr(c,d) and ts_cov(b,c) (pairs in the order ab, ac, ad, bc, bd, cd); each weighs |gamma| times
    /// the mean |input weight| of its column over both directions' 4K rows.
    /// </summary>
    [Fact]
    public void V4_significance_reads_each_kept_channel_s_input_weights_and_norm_scale()
    {
        var config = Config("alphanet_v4") with { AlphaNet = new AlphaNetSettings { Kept = [1, 5, 9], Transformer = false, Windows = [10] } };
        var net = (AlphaNetV4)NetCatalog.Create(config, 1);
        var state = net.StateDict();
        var forward = state["bilstm.weight_ih_l0"];
        var reverse = state["bilstm.weight_ih_l0_reverse"];
        Assert.Equal([12, 3], forward.Shape); // 4 gates x K = 3 rows, K columns
        for (var r = 0; r < 12; r++)
            for (var c = 0; c < 3; c++)
            {
                forward.Data[r * 3 + c] = c == 0 ? 0.5f : c == 1 ? (r % 2 == 0 ? -0.25f : 0.25f) : 0;
                reverse.Data[r * 3 + c] = c == 0 ? 0.5f : c == 1 ? 0.75f : (r < 6 ? 1f : 0);
            }
        var gamma = state["image0.bn.weight"];
        gamma.Data[0] = 2; gamma.Data[1] = -1; gamma.Data[2] = 0.5f;

        var view = net.Significance(["a", "b", "c", "d"]);
        Assert.Equal(["ts_corr(a,c,10)", "ts_corr(c,d,10)", "ts_cov(b,c,10)"], view.Select(v => v.Name));
        Assert.Equal(2 * 0.5, view[0].Weight, 12);                 // every row 0.5
        Assert.Equal(1 * (12 * 0.25 + 12 * 0.75) / 24, view[1].Weight, 12);
        Assert.Equal(0.5 * 6 / 24, view[2].Weight, 12);            // 6 of 24 rows at 1
        Assert.Equal(["b", "c"], view[2].Inputs);
    }

    [Fact]
    public void Settings_that_cannot_build_say_which_and_why()
    {
        string Fail(NetConfig c) => Assert.Throws<SettingException>(() => NetCatalog.Create(c, 1)).Message;
        Assert.Contains("need 39 days, got 30", Fail(Config("alphanet_v4") with { Window = 30 }));
        Assert.Contains("give one window", Fail(Config("alphanet_v4") with { AlphaNet = new() { Transformer = false } }));
        Assert.Contains("pools 3 steps", Fail(Config("alphanet_v1") with { Window = 20 }));
        Assert.Contains("2 windows for 1 branches", Fail(Config("alphanet_v2") with { AlphaNet = new() { Windows = [10, 5] } }));
        Assert.Contains("spearman", Fail(Config("alphanet_v4") with { AlphaNet = new() { Spearman = 0 } }));
    }
}
