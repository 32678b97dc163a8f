using AlphaSharp.Common;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>
/// An AlphaNet feature-extraction (or pooling) layer: each operator slid over the days of a data image with window d
/// and stride s. In: [batch, days, inputs], the layout every sequence network of the library reads. Out:
/// [batch, positions, channels], the operators' channels side by side (pairs (i, j), i &lt; j, in order), ready for
/// a channels-last batch norm and a recurrent layer. With <paramref name="positions"/> given, the layer reads only the
/// last (positions - 1) x s + d days, so images of different d all end on the decision day with the same length
/// (V4's images, 20 steps each); otherwise it reads every whole window from the first day. No parameters; the
/// backward is exact, so a layer may sit behind learned ones.
/// </summary>
public sealed class OperatorLayer : Module, IUnaryModule
{
    private readonly ImageOperator[] _ops;
    private readonly int? _positions;

    public OperatorLayer(IReadOnlyList<ImageOperator> operators, int inputs, int window, int stride, int? positions = null)
    {
        if (operators.Count == 0) throw new SettingException($"{new SettingName("operators")}: an operator layer needs at least one operator");
        if (inputs < 1) throw new SettingException($"{new SettingName("inputs")}: an operator layer needs at least one input series, got {inputs}");
        if (stride < 1) throw new SettingException($"{new SettingName("stride")}: {stride} is not a step of 1 day or more");
        if (positions is < 1) throw new SettingException($"{new SettingName("positions")}: {positions} is not a length of 1 or more");
        foreach (var op in operators)
        {
            if (window < op.MinWindow()) throw new SettingException($"{new SettingName("window")}: {op.Name()} needs a window of {op.MinWindow()} days or more, got {window}");
            if (op.IsPair() && inputs < 2) throw new SettingException($"{new SettingName("inputs")}: {op.Name()} needs two input series at least, got {inputs}");
        }
        _ops = [.. operators];
        Inputs = inputs;
        Window = window;
        Stride = stride;
        _positions = positions;
        Channels = _ops.Sum(op => op.Channels(inputs));
    }

    public IReadOnlyList<ImageOperator> Operators => _ops;
    public int Inputs { get; }
    public int Window { get; }
    public int Stride { get; }
    public int Channels { get; }

    /// <summary>Days of input the layer needs at least.</summary>
    public int DaysNeeded => _positions is { } p ? (p - 1) * Stride + Window : Window;

    /// <summary>Windows the layer slides over <paramref name="days"/> days.</summary>
    public int Positions(int days) => _positions ?? (days - Window) / Stride + 1;

    /// <summary>The channels' names, e.g. ts_corr(close,volume,10), for the interpretability views and Spearman dropout's report.</summary>
    public IReadOnlyList<string> ChannelNames(IReadOnlyList<string> inputNames) =>
        ChannelParts(inputNames).Select(c => $"{c.Operator}({string.Join(',', c.Inputs)},{Window})").ToArray();

    /// <summary>Each channel's operator and the input series it reads (two for a pair operator), in channel order.</summary>
    public IReadOnlyList<(string Operator, string[] Inputs)> ChannelParts(IReadOnlyList<string> inputNames)
    {
        if (inputNames.Count != Inputs) throw new ArgumentException($"operator layer: {inputNames.Count} names for {Inputs} inputs");
        var parts = new List<(string, string[])>(Channels);
        foreach (var op in _ops)
            if (op.IsPair())
            {
                for (var i = 0; i < Inputs; i++)
                    for (var j = i + 1; j < Inputs; j++) parts.Add((op.Name(), [inputNames[i], inputNames[j]]));
            }
            else parts.AddRange(inputNames.Select(n => (op.Name(), new[] { n })));
        return parts;
    }

    public Tensor Forward(Tensor x)
    {
        if (x.Rank != 3 || x.Shape[2] != Inputs)
            throw new ArgumentException($"operator layer: expected input [batch, days, {Inputs}], got {x.ShapeString}");
        var (batch, days) = (x.Shape[0], x.Shape[1]);
        if (days < DaysNeeded) throw new ArgumentException($"operator layer: {days} days are fewer than the {DaysNeeded} its windows need");
        var positions = Positions(days);
        var first = _positions is null ? 0 : days - DaysNeeded; // fixed positions end on the last day; earlier days go unread
        var y = Tensor.Zeros(batch, positions, Channels);
        var xs = x.Data;
        var ys = y.Data;
        var sample = days * Inputs;
        var row = positions * Channels;
        ForSamples(batch, () => new WindowKernels(Inputs, Window), (kernels, b) =>
        {
            var input = xs.AsSpan(b * sample, sample);
            for (var p = 0; p < positions; p++)
            {
                kernels.Load(input, first + p * Stride);
                var output = ys.AsSpan(b * row + p * Channels, Channels);
                var c = 0;
                foreach (var op in _ops) c += kernels.Forward(op, output[c..]);
            }
        });
        return Autograd.Record(y, [x], o =>
        {
            var gy = o.Grad!;
            var gx = Autograd.GradOf(x);
            ForSamples(batch, () => new WindowKernels(Inputs, Window), (kernels, b) =>
            {
                var input = xs.AsSpan(b * sample, sample);
                var grad = gx.AsSpan(b * sample, sample);
                for (var p = 0; p < positions; p++)
                {
                    var start = first + p * Stride;
                    kernels.Load(input, start);
                    ReadOnlySpan<float> g = gy.AsSpan(b * row + p * Channels, Channels);
                    var c = 0;
                    foreach (var op in _ops) c += kernels.Backward(op, g[c..]);
                    kernels.Scatter(grad, start);
                }
            });
        }, "alphanet_operators");
    }

    /// <summary>Samples in parallel blocks, each with its own scratch; a sample's output and gradient are its own, so the result does not depend on the split.</summary>
    private static void ForSamples(int batch, Func<WindowKernels> scratch, Action<WindowKernels, int> body)
    {
        const int block = 32;
        var blocks = (batch + block - 1) / block;
        if (blocks == 1)
        {
            var k = scratch();
            for (var b = 0; b < batch; b++) body(k, b);
            return;
        }
        Parallel.For(0, blocks, scratch, (j, _, k) =>
        {
            for (var b = j * block; b < Math.Min(batch, (j + 1) * block); b++) body(k, b);
            return k;
        }, _ => { });
    }
}
