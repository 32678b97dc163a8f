using System.Text.Json.Serialization;
using AlphaSharp.Common;

namespace AlphaSharp.Models.Training;

/// <summary>What early stopping watches on the validation segment.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StopMetric>))]
public enum StopMetric
{
    /// <summary>The validation loss (lower is better): Qlib's default.</summary>
    Loss,
    /// <summary>The mean daily Pearson IC of the predictions with the labels (higher is better).</summary>
    Ic,
    /// <summary>The Sharpe ratio of a frictionless daily top-quintile portfolio over the members' mean (<see cref="ValidationMetrics"/>; higher is better).</summary>
    Sharpe,
}

/// <summary>How the learning rate moves from epoch to epoch.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LrSchedule>))]
public enum LrSchedule
{
    /// <summary>lr x lr_decay^epoch, never below min_lr (lr_decay 1: constant).</summary>
    Exponential,
    /// <summary>Cosine annealing from lr to min_lr over the epochs (PyTorch's CosineAnnealingLR, T_max = n_epochs).</summary>
    Cosine,
    /// <summary>lr x lr_decay every step_epochs epochs (PyTorch's StepLR), never below min_lr.</summary>
    Step,
}

/// <summary>
/// How a network trains. Defaults are Qlib's benchmark LSTM's (Adam, lr 1e-3, batch 800, 200 epochs, patience 20 on
/// the validation loss); <c>lr_decay</c> multiplies the rate after each epoch down to <c>min_lr</c>.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>The names of the stop metrics in settings (<c>stop: ic</c>, <c>--stop ic</c>).</summary>
    public static readonly SettingChoices<StopMetric> StopMetrics = new(("loss", StopMetric.Loss), ("ic", StopMetric.Ic), ("sharpe", StopMetric.Sharpe));

    public int Epochs { get; init; } = 200;
    public int BatchSize { get; init; } = 800;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; }
    public int Patience { get; init; } = 20;
    public StopMetric Metric { get; init; } = StopMetric.Loss;
    /// <summary>Gradient norm clip (Qlib clips at 3.0); 0 = none.</summary>
    public double ClipNorm { get; init; } = 3.0;
    public double LrDecay { get; init; } = 1.0;
    public double MinLr { get; init; }
    public LrSchedule Schedule { get; init; } = LrSchedule.Exponential;
    public int StepEpochs { get; init; } = 10;

    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0-based): a function of the epoch alone, so a resumed fit continues it.</summary>
    public double LearningRateAt(int epoch) => Schedule switch
    {
        LrSchedule.Cosine => MinLr + (LearningRate - MinLr) * (1 + Math.Cos(Math.PI * epoch / Epochs)) / 2,
        LrSchedule.Step => Math.Max(MinLr, LearningRate * Math.Pow(LrDecay, epoch / StepEpochs)),
        _ => Math.Max(MinLr, LearningRate * Math.Pow(LrDecay, epoch)),
    };
    /// <summary>Classifiers: weight of each class in the cross-entropy (empty: equal).</summary>
    public float[] ClassWeights { get; init; } = [];
    public ulong Seed { get; init; } = 1;

    public void Validate()
    {
        if (Epochs < 1) throw new InputException($"n_epochs: {Epochs} is not an epoch count (1 or more)");
        if (BatchSize < 1) throw new InputException($"batch_size: {BatchSize} is not a batch size (1 or more)");
        if (!(LearningRate > 0)) throw new InputException($"lr: {LearningRate} is not a positive learning rate");
        if (!(WeightDecay >= 0)) throw new InputException($"weight_decay: {WeightDecay} is negative");
        if (Patience < 1) throw new InputException($"early_stop: {Patience} is not a patience (1 or more epochs)");
        if (!(ClipNorm >= 0)) throw new InputException($"clip_norm: {ClipNorm} is negative");
        if (!(LrDecay > 0 && LrDecay <= 1)) throw new InputException($"lr_decay: {LrDecay} is not a factor in (0, 1]");
        if (!(MinLr >= 0)) throw new InputException($"min_lr: {MinLr} is negative");
        if (StepEpochs < 1) throw new InputException($"step_epochs: {StepEpochs} is not an epoch count (1 or more)");
        if (ClassWeights.Any(w => !(w > 0))) throw new InputException($"class_weights: {string.Join(",", ClassWeights)} holds a weight that is not positive");
    }
}
