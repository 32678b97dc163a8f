using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical;

/// <summary>
/// Gradient-boosted trees through LightGBM's C API (lib_lightgbm 4.7.0), in the shape of Qlib's LGBModel: fit on a
/// training set with early stopping on a validation set, keep the best round, predict, save and load. Features are
/// float32, NaN = missing (LightGBM's own missing-value handling, no imputation here). The fitted model is the
/// LightGBM model text of the best round and a booster loaded from it, so a saved and reloaded model is the same
/// text and predicts the same bits.
/// </summary>
public sealed class LightGbmModel : IDisposable
{
    private readonly BoosterHandle booster;

    private LightGbmModel(LightGbmParameters parameters, int features, string modelText, int bestIteration, double[] trainLoss, double[] validLoss)
    {
        Parameters = parameters;
        FeatureCount = features;
        ModelText = modelText;
        BestIteration = bestIteration;
        TrainLoss = trainLoss;
        ValidLoss = validLoss;
        booster = LightGbmNative.LoadModelFromString(modelText, out _);
    }

    public LightGbmParameters Parameters { get; }
    public int FeatureCount { get; }
    /// <summary>The boosting rounds kept (1-based); 0 when the first round found no split.</summary>
    public int BestIteration { get; }
    /// <summary>Training loss (MSE, or log loss for binary) after each round run, including those after the best.</summary>
    public IReadOnlyList<double> TrainLoss { get; }
    /// <summary>Validation loss after each round run; empty without a validation set.</summary>
    public IReadOnlyList<double> ValidLoss { get; }
    /// <summary>LightGBM's model text of the kept rounds (what LightGBM's own tools load).</summary>
    public string ModelText { get; }

    /// <summary>
    /// Fits on row-major <paramref name="x"/> (y.Length rows). With <paramref name="valid"/>, early stopping watches
    /// its loss and the best round is kept; without it, or with early_stopping_rounds 0, all rounds are kept (the
    /// validation loss is still recorded).
    /// </summary>
    public static LightGbmModel Fit(LightGbmParameters parameters, float[] x, float[] y, float[]? weights = null, LightGbmSet? valid = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var train = new LightGbmSet(x, y, weights);
        train.Validate("train", parameters.IsBinary);
        valid?.Validate("valid", parameters.IsBinary, train.Features);
        var r = LightGbmTrainer.Train(parameters, train, valid);
        return new LightGbmModel(parameters, train.Features, r.ModelText, r.BestIteration, r.TrainLoss, r.ValidLoss);
    }

    /// <summary>Predictions for <paramref name="rows"/> row-major rows of <paramref name="x"/> (probabilities for binary).</summary>
    public float[] Predict(float[] x, int rows)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (rows < 1) throw new InputException($"rows: {rows} must be >= 1");
        if ((long)rows * FeatureCount != x.Length)
            throw new InputException($"x: {x.Length} values are not {rows} rows x {FeatureCount} features (the model's)");
        var raw = LightGbmNative.PredictForMatrix(booster, x, rows, FeatureCount, 0, $"num_threads={Parameters.NumThreads}");
        var result = new float[rows];
        for (var i = 0; i < rows; i++) result[i] = (float)raw[i];
        return result;
    }

    /// <summary>Writes the parameters, the loss history and the model text as one JSON file, atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, LightGbmModelFile.Render(this));

    public static LightGbmModel Load(string path)
    {
        var f = LightGbmModelFile.Read(path);
        try
        {
            return new LightGbmModel(f.Parameters, f.Features, f.ModelText, f.BestIteration, f.TrainLoss, f.ValidLoss);
        }
        catch (LightGbmException e)
        {
            // A damaged file is the user's problem to fix, not an internal fault: one line naming the file.
            throw new InputException($"{path}: the model text does not load ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    public void Dispose() => booster.Dispose();
}
