using System.Diagnostics;
using AlphaSharp.Common;
using AlphaSharp.Models.Classical.Svm;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Classical;

/// <summary>
/// The SVM behind the model interface, on one day's features: a classifier of up (label &gt; 0) against down, scored by
/// its decision value (paper 000's baseline), or epsilon-regression of the label. SMO costs O(n^2) kernel values:
/// it is for the hundreds to tens of thousands of samples of weekly or per-stock studies, not a whole daily panel.
/// Saved as <c>svm.json</c>.
/// </summary>
public sealed class SvmScoreModel(SvmOptions options, bool classify) : IModel
{
    public const string FileName = "svm.json";
    private SvmModel? _fit;

    public SvmOptions Options { get; } = options;
    public bool Classify { get; } = classify;
    public string Kind => "svm";
    public ModelInput Input => new(SampleShape.Rows, 1);
    public SvmModel Svm => _fit ?? throw new InvalidOperationException("svm: not fitted");

    public FitReport Fit(ModelData train, ModelData? valid, FitContext context)
    {
        if (train.Labels is null) throw new ArgumentException("svm: the training data has no labels");
        if (train.Count == 0) throw new InputException("train: the training segment has no sample (no member with a label in it)");
        var clock = Stopwatch.StartNew();
        var x = train.MatrixAsDouble();
        _fit = Classify
            ? SupportVectorClassifier.Fit(x, train.Labels.Select(v => v > 0 ? 1 : 0).ToArray(), Options)
            : SupportVectorRegressor.Fit(x, train.Labels.Select(v => (double)v).ToArray(), Options);
        var score = double.NaN;
        if (valid?.Labels is { } labels)
        {
            var p = Predict(valid);
            score = Classify
                ? p.Select((v, k) => (v > 0) == (labels[k] > 0) ? 1.0 : 0.0).DefaultIfEmpty(double.NaN).Average()
                : ValidationMetrics.Of(valid, p).Loss;
        }
        return new FitReport(1, 1, score, Classify ? "accuracy" : "loss", [], clock.Elapsed);
    }

    /// <summary>The decision value f(x) (classifier: above 0 is up) or the regression's estimate.</summary>
    public float[] Predict(ModelData data) => Svm.DecisionFunction(data.MatrixAsDouble()).Select(v => (float)v).ToArray();

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        Svm.Save(Path.Combine(directory, FileName));
    }

    public static SvmScoreModel Load(string directory, SvmOptions options)
    {
        var svm = SvmModel.Load(Path.Combine(directory, FileName));
        return new SvmScoreModel(options, svm.Task == SvmTask.Classification) { _fit = svm };
    }

}
