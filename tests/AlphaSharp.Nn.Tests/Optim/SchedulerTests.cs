using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Nn.Tests.Optim;

/// <summary>Learning-rate schedules against values worked out by hand from PyTorch's definitions.</summary>
public class SchedulerTests
{
    private static Sgd Opt(double lr) => new([Tensor.Zeros(1).RequireGrad()], lr);

    private static double[] Run(LrScheduler s, int epochs)
    {
        var r = new double[epochs + 1];
        r[0] = s.CurrentLr;
        for (var e = 1; e <= epochs; e++) { s.Step(); r[e] = s.CurrentLr; }
        return r;
    }

    private static void Near(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-12 * Math.Max(1, Math.Abs(expected[k])), $"epoch {k}: {actual[k]} vs {expected[k]}");
    }

    [Fact]
    public void StepLrHalvesEveryThreeEpochs()
        => Near([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025], Run(new StepLr(Opt(0.1), 3, 0.5), 7));

    [Fact]
    public void ExponentialLr()
        => Near([0.1, 0.09, 0.081, 0.0729], Run(new ExponentialLr(Opt(0.1), 0.9), 3));

    [Fact]
    public void CosineAnnealingFromBaseToEtaMin()
    {
        // eta_min + (0.1 - 0.01)(1 + cos(pi e / 4)) / 2; cos(pi/4) = sqrt(2)/2.
        var h = Math.Sqrt(2) / 2;
        Near([0.1, 0.01 + 0.09 * (1 + h) / 2, 0.055, 0.01 + 0.09 * (1 - h) / 2, 0.01], Run(new CosineAnnealingLr(Opt(0.1), 4, 0.01), 4));
    }

    [Fact]
    public void GeometricDecayFromOneRateToAnother()
        => Near([1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-7], Run(new RangeDecayLr(Opt(0.5), 1e-3, 1e-7, 4), 5));

    [Fact]
    public void LinearDecayFromOneRateToAnother()
        => Near([1.0, 0.8, 0.6, 0.4, 0.2, 0.2], Run(new RangeDecayLr(Opt(0.5), 1.0, 0.2, 4, geometric: false), 5));

    [Fact]
    public void ReduceOnPlateauWaitsPatienceThenCoolsDown()
    {
        var opt = Opt(1.0);
        var s = new ReduceLrOnPlateau(opt, factor: 0.5, patience: 2, cooldown: 1, minLr: 0.2);
        // 1: best. 0.9: better. 0.95 x3: bad 1, 2, 3 > patience -> 0.5, cooldown 1.
        // 0.95: bad 1 but cooldown resets it to 0. 0.95, 0.95, 0.95: bad 1, 2, 3 -> 0.25.
        // Then three more bad epochs after a cooldown epoch would give 0.125, clamped to min_lr 0.2.
        double[] metrics = [1, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95];
        double[] expected = [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.2];
        for (var k = 0; k < metrics.Length; k++)
        {
            s.Step(metrics[k]);
            Assert.True(Math.Abs(expected[k] - opt.LearningRate) < 1e-15, $"epoch {k}: lr {opt.LearningRate}, expected {expected[k]}");
        }
    }

    [Fact]
    public void ReduceOnPlateauMaximizeWithAbsoluteThreshold()
    {
        var opt = Opt(1.0);
        var s = new ReduceLrOnPlateau(opt, maximize: true, factor: 0.1, patience: 0, threshold: 0.05, relativeThreshold: false);
        s.Step(0.5);
        Assert.Equal(1.0, opt.LearningRate);
        s.Step(0.54); // not above 0.5 + 0.05: a bad epoch, more than patience 0
        Assert.Equal(0.1, opt.LearningRate, 15);
        s.Step(0.56); // above 0.55: better, no change
        Assert.Equal(0.1, opt.LearningRate, 15);
    }
}
