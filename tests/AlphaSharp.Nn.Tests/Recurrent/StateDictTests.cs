using AlphaSharp.Nn.IO;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Recurrent;

public class StateDictTests
{
    [Fact]
    public void APyTorchLstmLinearStateDictLoadsAndPredictsTheSame()
    {
        // lstm_fc_model.safetensors is PyTorch's own state_dict of LSTM(6, 16, 2 layers) -> Linear(16, 1).
        var model = new LstmRegressor(6, 16, 2, new Rng(1));
        model.LoadSafeTensors(Path.Combine(Fixtures.Directory, "lstm_fc_model.safetensors"));
        model.Eval();
        var io = Fixtures.Load("lstm_fc_io");
        Tensor pred;
        using (Autograd.NoGrad()) pred = model.Forward(io.Get("in.x"));
        TensorAssert.Close(io.Get("out.pred"), pred, "prediction");
    }

    [Fact]
    public void SavedStateDictHasPyTorchsKeysAndRoundTrips()
    {
        var original = new LstmRegressor(6, 16, 2, new Rng(1));
        var path = Path.Combine(Path.GetTempPath(), $"alphasharp-lstm-{Guid.NewGuid():N}.safetensors");
        try
        {
            original.SaveSafeTensors(path);
            var saved = SafeTensors.Load(path);
            var torchKeys = Fixtures.Load("lstm_fc_model").Keys.Order(StringComparer.Ordinal);
            Assert.Equal(torchKeys, saved.Keys.Order(StringComparer.Ordinal));

            var copy = new LstmRegressor(6, 16, 2, new Rng(2));
            copy.LoadSafeTensors(path);
            var x = Tensor.Normal(new Rng(3), 0f, 1f, 4, 9, 6);
            Assert.Equal(original.Forward(x).Data, copy.Forward(x).Data);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
