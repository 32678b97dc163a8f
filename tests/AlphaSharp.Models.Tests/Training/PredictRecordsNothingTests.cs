using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Tests.Training;

/// <summary>
/// Prediction (and so every validation pass) runs without the tape: a recorded forward would hold each layer's saved
/// activations with nowhere to give them back, which is how Qlib's Alpha360 Transformer (a GB per feed-forward block
/// at batch 2048) ran a 24 GB machine out of memory in validation. Training still records.
/// </summary>
public class PredictRecordsNothingTests
{
    private sealed class ProbeNet : Net
    {
        private readonly Linear _linear;
        public readonly List<bool> Recording = [];

        public ProbeNet(NetConfig config) : base(config, 1) => _linear = RegisterModule("linear", new Linear(config.Features, 1, InitStream));

        public override SampleShape Shape => SampleShape.Rows;

        public override Tensor Forward(Tensor x)
        {
            var y = _linear.Forward(x);
            Recording.Add(y.RequiresGrad);
            return y;
        }
    }

    [Fact]
    public void Predict_records_no_backward_entries_and_training_does()
    {
        var ds = NeuralModelTests.Build();
        var config = NeuralModelTests.Config("mlp");
        var net = new ProbeNet(config);
        var trainer = new Trainer(net, NeuralModelTests.Fast() with { Epochs = 1 });
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var input = new ModelInput(SampleShape.Rows, 1);
        var train = ds.ModelData(ds.Span("train"), input, normalizer, forFitting: true);
        trainer.Fit(train, null, new FitContext());
        Assert.Contains(true, net.Recording);
        net.Recording.Clear();
        var scores = trainer.Predict(ds.ModelData(ds.Span("valid"), input, normalizer, forFitting: false));
        Assert.NotEmpty(net.Recording);
        Assert.DoesNotContain(true, net.Recording);
        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
    }
}
