using System.Diagnostics;
using System.Text.Json;
using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Classical;

/// <summary>
/// OLS (<c>alpha</c> 0, Qlib's LinearModel "ols") or ridge on one day's features, behind the model interface. It has
/// nothing to choose, so the validation segment only reports its loss. Saved as <c>linear.json</c>.
/// </summary>
public sealed class LinearModel(double alpha = 0) : IModel
{
    public const string FileName = "linear.json";
    private LinearRegression? _fit;

    public double Alpha { get; } = alpha >= 0 ? alpha : throw new SettingException($"{new SettingName("alpha")} {alpha}: must be 0 (OLS) or more (ridge)");
    public string Kind => "linear";
    public ModelInput Input => new(SampleShape.Rows, 1);
    public LinearRegression Regression => _fit ?? throw new InvalidOperationException("linear model: not fitted");

    public FitReport Fit(ModelData train, ModelData? valid, FitContext context)
    {
        if (train.Labels is null) throw new ArgumentException("linear model: the training data has no labels");
        if (train.Count == 0) throw new InputException("train: the training segment has no sample (no member with a label in it)");
        var clock = Stopwatch.StartNew();
        var weights = train.Weights?.Select(w => (double)w).ToArray();
        _fit = LinearRegression.Fit(train.MatrixAsDouble(), train.Labels.Select(v => (double)v).ToArray(), Alpha, weights);
        var loss = valid?.Labels is null || valid.Count == 0 ? double.NaN : ValidationMetrics.Of(valid, Predict(valid)).Loss;
        return new FitReport(1, 1, loss, "loss", [], clock.Elapsed);
    }

    public float[] Predict(ModelData data)
    {
        var p = Regression.Predict(data.MatrixAsDouble());
        return p.Select(v => (float)v).ToArray();
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, FileName),
            JsonSerializer.Serialize(new State(Regression.Alpha, Regression.Intercept, Regression.Coefficients)));
    }

    public static LinearModel Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new InputException($"{path}: not found; not a saved linear model");
        State s;
        try { s = JsonSerializer.Deserialize<State>(File.ReadAllText(path)) ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new InputException($"{path}: not a linear model ({e.Message})"); }
        return new LinearModel(s.Alpha) { _fit = LinearRegression.FromState(s.Coefficients, s.Intercept, s.Alpha) };
    }


    private sealed record State(double Alpha, double Intercept, double[] Coefficients);
}
