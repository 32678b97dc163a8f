using AlphaSharp.Nn.Norm;

namespace AlphaSharp.Nn;

/// <summary>
/// PyTorch's nn.BatchNorm1d over (N, C) or (N, C, L) input. Training normalises with the batch's biased variance
/// and folds the unbiased variance into the running estimate; evaluation uses the running estimates. With
/// <c>momentum</c> null the running estimate is the cumulative average, as in PyTorch.
/// State keys: weight, bias, running_mean, running_var, num_batches_tracked. PyTorch stores
/// num_batches_tracked as int64; here every tensor is float32, so it is a float count (exact up to 2^24 steps)
/// and a PyTorch checkpoint's int64 value must be converted on load. Its shape is [] as in PyTorch.
/// </summary>
public sealed class BatchNorm1d : Module, IUnaryModule
{
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    {
        if (numFeatures <= 0) throw new ArgumentException($"BatchNorm1d: num_features must be positive, got {numFeatures}");
        if (eps <= 0) throw new ArgumentException($"BatchNorm1d: eps must be positive, got {eps}");
        if (momentum is < 0 or > 1) throw new ArgumentException($"BatchNorm1d: momentum must lie in [0, 1], got {momentum}");
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(numFeatures));
            Bias = RegisterParameter("bias", Tensor.Zeros(numFeatures));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(numFeatures));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones(numFeatures));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros());
        }
    }

    public int NumFeatures { get; }
    public double Eps { get; }
    public double? Momentum { get; }
    public Tensor? Weight { get; }
    public Tensor? Bias { get; }
    public Tensor? RunningMean { get; }
    public Tensor? RunningVar { get; }
    public Tensor? NumBatchesTracked { get; }

    public Tensor Forward(Tensor x)
    {
        if (x.Rank is not (2 or 3) || x.Shape[1] != NumFeatures)
            throw new ArgumentException($"BatchNorm1d: expected input (N, {NumFeatures}) or (N, {NumFeatures}, L), got {x.ShapeString}");
        return Normalise(x, x.Shape[0], x.Rank == 3 ? x.Shape[2] : 1);
    }

    /// <summary>
    /// Channels-last input (..., C), e.g. (N, T, C) sequences normalised per feature: the same numbers as PyTorch's
    /// <c>bn(x.transpose(1, 2)).transpose(1, 2)</c> (statistics over every position of every sample), without the
    /// two transposes.
    /// </summary>
    public Tensor ForwardChannelsLast(Tensor x)
    {
        if (x.Rank < 2 || x.Shape[^1] != NumFeatures)
            throw new ArgumentException($"BatchNorm1d: expected channels-last input (..., {NumFeatures}), got {x.ShapeString}");
        return Normalise(x, x.Numel / NumFeatures, 1);
    }

    private Tensor Normalise(Tensor x, int n, int l)
    {
        var c = NumFeatures;
        var useBatchStats = Training || RunningMean is null;
        if (useBatchStats && n * l <= 1)
            throw new ArgumentException($"BatchNorm1d: expected more than 1 value per channel when using batch statistics, got input {x.ShapeString}");

        var y = new Tensor(TensorArena.OutputToOverwrite(x.Numel), x.Shape);
        var mean = new double[c];
        var invStd = new float[c];
        var w = Weight?.Data;
        var b = Bias?.Data;
        if (useBatchStats)
        {
            var biasedVar = new double[c];
            BatchNormKernel.ForwardTrain(x.Data, n, c, l, w, b, Eps, y.Data, mean, biasedVar, invStd);
            if (Training && RunningMean is not null) UpdateRunningStats(mean, biasedVar, (double)n * l);
        }
        else
        {
            for (var ch = 0; ch < c; ch++)
            {
                mean[ch] = RunningMean!.Data[ch];
                invStd[ch] = (float)(1.0 / Math.Sqrt(RunningVar!.Data[ch] + Eps));
            }
            BatchNormKernel.Normalise(x.Data, n, c, l, mean, invStd, w, b, y.Data);
        }

        Tensor[] inputs = Weight is null ? [x] : [x, Weight, Bias!];
        var weight = Weight;
        var bias = Bias;
        return Autograd.Record(y, inputs, o =>
        {
            var dx = x.RequiresGrad ? Autograd.GradOf(x) : null;
            var dw = weight is { RequiresGrad: true } ? Autograd.GradOf(weight) : null;
            var db = bias is { RequiresGrad: true } ? Autograd.GradOf(bias) : null;
            var wv = weight?.Data;
            if (useBatchStats) BatchNormKernel.BackwardTrain(x.Data, o.Grad!, n, c, l, mean, invStd, wv, dx, dw, db);
            else BatchNormKernel.BackwardEval(x.Data, o.Grad!, n, c, l, mean, invStd, wv, dx, dw, db);
        }, "batch_norm1d");
    }

    private void UpdateRunningStats(ReadOnlySpan<double> mean, ReadOnlySpan<double> biasedVar, double count)
    {
        var tracked = NumBatchesTracked!.Data;
        tracked[0] += 1f;
        var factor = Momentum ?? 1.0 / tracked[0];
        var unbias = count / (count - 1);
        var rm = RunningMean!.Data;
        var rv = RunningVar!.Data;
        for (var ch = 0; ch < rm.Length; ch++)
        {
            rm[ch] = (float)((1 - factor) * rm[ch] + factor * mean[ch]);
            rv[ch] = (float)((1 - factor) * rv[ch] + factor * biasedVar[ch] * unbias);
        }
    }
}
