using System.Diagnostics;
using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.Classical;

/// <summary>
/// LightGBM behind the model interface (Qlib's LGBModel): fits on one day's features with early stopping on the
/// validation loss, predicts the best round's score. Saved as <c>lightgbm.json</c> (parameters, rounds, LightGBM's
/// own model text).
/// </summary>
public sealed class GradientBoostedModel(LightGbmParameters parameters) : IModel, IDisposable
{
    public const string FileName = "lightgbm.json";
    private LightGbmModel? _fit;

    public LightGbmParameters Parameters { get; } = parameters;
    public string Kind => "lightgbm";
    public ModelInput Input => new(SampleShape.Rows, 1);
    public LightGbmModel Booster => _fit ?? throw new InvalidOperationException("lightgbm: not fitted");

    public FitReport Fit(ModelData train, ModelData? valid, FitContext context)
    {
        if (train.Labels is null) throw new ArgumentException("lightgbm: the training data has no labels");
        if (train.Count == 0) throw new InputException("train: the training segment has no sample (no member with a label in it)");
        var clock = Stopwatch.StartNew();
        var validSet = valid?.Labels is { } labels ? new LightGbmSet(valid.Matrix(), labels) : null;
        _fit?.Dispose();
        _fit = LightGbmModel.Fit(Parameters, train.Matrix(), train.Labels, train.Weights, validSet);
        var log = _fit.TrainLoss.Select((loss, k) => new EpochLog(k + 1, loss, k < _fit.ValidLoss.Count ? _fit.ValidLoss[k] : double.NaN, double.NaN,
            Parameters.LearningRate, double.NaN, double.NaN)).ToList();
        var best = _fit.ValidLoss.Count > 0 ? _fit.ValidLoss[Math.Clamp(_fit.BestIteration - 1, 0, _fit.ValidLoss.Count - 1)] : double.NaN;
        return new FitReport(_fit.TrainLoss.Count, _fit.BestIteration, best, "loss", log, clock.Elapsed);
    }

    public float[] Predict(ModelData data) => Booster.Predict(data.Matrix(), data.Count);

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        Booster.Save(Path.Combine(directory, FileName));
    }

    public static GradientBoostedModel Load(string directory)
    {
        var booster = LightGbmModel.Load(Path.Combine(directory, FileName));
        return new GradientBoostedModel(booster.Parameters) { _fit = booster };
    }

    public void Dispose() => _fit?.Dispose();
}
