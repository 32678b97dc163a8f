using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Tests.Training;

public class LrScheduleTests
{
    [Fact]
    public void EachScheduleGivesItsClosedFormEpochByEpoch()
    {
        // Cosine, T_max = 4, from 1e-3 to 1e-5: PyTorch's CosineAnnealingLR closed form eta_min + (eta_max - eta_min)(1 + cos(pi t / T)) / 2.
        var cosine = new TrainerOptions { Epochs = 4, LearningRate = 1e-3, MinLr = 1e-5, Schedule = LrSchedule.Cosine };
        Assert.Equal(1e-3, cosine.LearningRateAt(0), 15);
        Assert.Equal(1e-5 + (1e-3 - 1e-5) * (1 + Math.Sqrt(0.5)) / 2, cosine.LearningRateAt(1), 15);
        Assert.Equal((1e-3 + 1e-5) / 2, cosine.LearningRateAt(2), 15);
        // Step: x0.5 every 3 epochs.
        var step = new TrainerOptions { LearningRate = 0.1, LrDecay = 0.5, StepEpochs = 3, Schedule = LrSchedule.Step };
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025], Enumerable.Range(0, 7).Select(step.LearningRateAt));
        // Exponential with a floor: AlphaNet's 1e-3 -> 1e-7.
        var exp = new TrainerOptions { LearningRate = 1e-3, LrDecay = 0.1, MinLr = 1e-7 };
        Assert.Equal([1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-7], Enumerable.Range(0, 6).Select(e => Math.Round(exp.LearningRateAt(e), 12)));
        Assert.Equal("step_epochs: 0 is not an epoch count (1 or more)",
            Assert.Throws<Common.InputException>(() => (step with { StepEpochs = 0 }).Validate()).Message);
    }

    [Fact]
    public void TheTrainerUsesTheScheduleAndLogsIt()
    {
        var ds = NeuralModelTests.Build();
        var options = NeuralModelTests.Fast() with { Epochs = 4, Patience = 10, Schedule = LrSchedule.Cosine, MinLr = 1e-4 };
        var model = new NeuralModel(NeuralModelTests.Config("mlp"), options);
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var report = model.Fit(ds.ModelData(ds.Span("train"), model.Input, normalizer, true), ds.ModelData(ds.Span("valid"), model.Input, normalizer, true), new FitContext());
        Assert.Equal(Enumerable.Range(0, 4).Select(options.LearningRateAt), report.Log.Select(e => e.LearningRate));
    }
}
