using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models;

/// <summary>What a model takes as one sample: its shape, how many days it holds and the trading days between them (1: every day).</summary>
public sealed record ModelInput(SampleShape Shape, int Window, int Step = 1);

/// <summary>
/// One interface for every model: fit on a training segment (choosing what it chooses on the validation segment
/// only), predict one score per sample of any segment, save to a directory and come back with the same predictions.
/// </summary>
public interface IModel
{
    /// <summary>The catalog name (lstm, gru, mlp, lightgbm, ...).</summary>
    string Kind { get; }

    ModelInput Input { get; }

    FitReport Fit(ModelData train, ModelData? valid, FitContext context);

    /// <summary>One score per sample of <paramref name="data"/>, in its order.</summary>
    float[] Predict(ModelData data);

    /// <summary>Writes the model (state, config) into <paramref name="directory"/>, each file atomically.</summary>
    void Save(string directory);
}

/// <summary>Where a fit may write (checkpoints, the epoch log; null: nowhere) and whom it tells how it goes.</summary>
public sealed record FitContext(string? Directory = null, Action<TrainingProgress>? Progress = null, CancellationToken Cancel = default);

/// <summary>
/// A progress tick: epoch, batch within it, the running training loss and samples per second; <see cref="EpochDone"/>
/// once an epoch is validated and checkpointed (its validation figures are then this epoch's).
/// </summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double TrainLoss, double SamplesPerSecond,
    double? ValidLoss, double? ValidIc, bool EpochDone = false);

/// <summary>One epoch's line of the training log.</summary>
public sealed record EpochLog(int Epoch, double TrainLoss, double ValidLoss, double ValidIc, double LearningRate, double Seconds, double SamplesPerSecond,
    double ValidSharpe = double.NaN);

/// <summary>How a fit went: the epochs run, the one kept, and the log.</summary>
public sealed record FitReport(int Epochs, int BestEpoch, double BestScore, string Metric, IReadOnlyList<EpochLog> Log, TimeSpan Wall);
