using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets;

/// <summary>
/// Qlib's TCN (qlib/contrib/model/pytorch_tcn.py TCNModel over tcn.py's TemporalConvNet): <c>num_layers</c> residual
/// TemporalBlocks of <c>hidden_size</c> channels, block i with dilation 2^i: two causal dilated Conv1d (kernel
/// <c>kernel_size</c>; PyTorch pads (k-1)*d on both sides and chomps the last (k-1)*d outputs, which is what a
/// left-padded causal Conv1d computes), each followed by ReLU and dropout, plus a 1x1 Conv1d downsample of the input
/// when the widths differ, then ReLU(out + residual); the last step's channels -> Linear to the outputs. Weights of the
/// convolutions start N(0, 0.01), as Qlib's init_weights draws them. Plain convolutions: Qlib's tcn.py imports
/// weight_norm but applies none, so there is no weight_g/weight_v. State keys tcn.network.{i}.conv1.*,
/// tcn.network.{i}.conv2.*, tcn.network.{i}.downsample.*, linear.*; a Qlib state_dict also lists each block's
/// conv1/conv2 a second time as net.0.* / net.4.* (its nn.Sequential holds the same modules), aliases to drop before
/// loading. Input: the sampler's [B, T, F], transposed here to PyTorch's channels-first [B, F, T].
/// </summary>
public sealed class Tcn : Net
{
    private readonly TemporalBlock[] _blocks;
    private readonly Linear _linear;

    public Tcn(NetConfig config, ulong seed) : base(config, seed)
    {
        var tcn = RegisterModule("tcn", new Holder());
        var network = tcn.Add("network", new Sequential());
        _blocks = new TemporalBlock[config.Layers];
        for (var i = 0; i < config.Layers; i++)
        {
            var input = i == 0 ? config.Features : config.Hidden;
            _blocks[i] = new TemporalBlock(input, config.Hidden, config.KernelSize, 1 << i, config.Dropout, InitStream, DropoutStream);
            network.Append(_blocks[i]);
        }
        _linear = RegisterModule("linear", new Linear(config.Hidden, config.Outputs, InitStream));
    }

    public override SampleShape Shape => SampleShape.Sequence;

    public override Tensor Forward(Tensor x)
    {
        var y = x.Transpose(1, 2); // [B, T, F] -> [B, F, T]
        foreach (var block in _blocks) y = block.Forward(y);
        return _linear.Forward(y.Select(2, y.Shape[2] - 1));
    }

    private sealed class Holder : Module
    {
        public T Add<T>(string name, T module) where T : Module => RegisterModule(name, module);
    }

    /// <summary>tcn.py's TemporalBlock (chomp folded into the causal convolution).</summary>
    private sealed class TemporalBlock : Module, IUnaryModule
    {
        private readonly Conv1d _conv1;
        private readonly Conv1d _conv2;
        private readonly Conv1d? _downsample;
        private readonly Dropout _dropout1;
        private readonly Dropout _dropout2;

        public TemporalBlock(int inputs, int outputs, int kernel, int dilation, float dropout, Rng init, Rng drops)
        {
            _conv1 = RegisterModule("conv1", new Conv1d(inputs, outputs, kernel, init, dilation: dilation, causal: true));
            _dropout1 = RegisterModule("dropout1", new Dropout(dropout, drops));
            _conv2 = RegisterModule("conv2", new Conv1d(outputs, outputs, kernel, init, dilation: dilation, causal: true));
            _dropout2 = RegisterModule("dropout2", new Dropout(dropout, drops));
            if (inputs != outputs) _downsample = RegisterModule("downsample", new Conv1d(inputs, outputs, 1, init));
            // init_weights: the convolution weights (not the biases) redrawn N(0, 0.01).
            foreach (var conv in new[] { _conv1, _conv2, _downsample })
                if (conv is not null) Tensor.Normal(init, 0f, 0.01f, conv.Weight.Shape).Data.CopyTo(conv.Weight.Data, 0);
        }

        public Tensor Forward(Tensor x)
        {
            var y = _dropout1.Forward(_conv1.Forward(x).Relu());
            y = _dropout2.Forward(_conv2.Forward(y).Relu());
            return y.Add(_downsample?.Forward(x) ?? x).Relu();
        }
    }
}
