namespace AlphaSharp.Nn;

public static partial class Losses
{
    /// <summary>
    /// Cross-entropy of logits [N, C] against class indices (torch.nn.CrossEntropyLoss). With class weights w,
    /// loss_n = -w[y_n] log softmax(x_n)[y_n] and the mean is PyTorch's weighted mean sum_n loss_n / sum_n w[y_n].
    /// Targets arrive as a tensor of integer values [N] (labels loaded from fixtures are float).
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Tensor? classWeight = null, Reduction reduction = Reduction.Mean)
    {
        if (logits.Rank != 2) throw new ArgumentException($"cross_entropy: logits must be [N, C], got {logits.ShapeString}");
        int n = logits.Shape[0], c = logits.Shape[1];
        if (target.Rank != 1 || target.Shape[0] != n)
            throw new ArgumentException($"cross_entropy: target {target.ShapeString} must be [{n}] for logits {logits.ShapeString}");
        if (classWeight is not null && (classWeight.Rank != 1 || classWeight.Shape[0] != c))
            throw new ArgumentException($"cross_entropy: class weight {classWeight.ShapeString} must be [{c}]");
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            var v = target.Data[i];
            labels[i] = (int)v;
            if (labels[i] != v || labels[i] < 0 || labels[i] >= c)
                throw new ArgumentException($"cross_entropy: target {i} is {v}, not a class index in [0, {c})");
        }
        var x = logits.Data;
        var probs = new float[n * c];
        var per = new float[n];
        double total = 0, weightSum = 0;
        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * c, c);
            var max = float.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, v);
            double s = 0;
            for (var j = 0; j < c; j++) s += Math.Exp(row[j] - max);
            var lse = max + Math.Log(s);
            for (var j = 0; j < c; j++) probs[i * c + j] = (float)Math.Exp(row[j] - lse);
            var w = classWeight is null ? 1.0 : classWeight.Data[labels[i]];
            var li = w * (lse - row[labels[i]]);
            per[i] = (float)li;
            total += li;
            weightSum += w;
        }
        var output = reduction switch
        {
            Reduction.None => new Tensor(per, n),
            Reduction.Sum => Tensor.Scalar((float)total),
            _ => Tensor.Scalar((float)(total / weightSum)),
        };
        if (!Autograd.Needs(logits)) return output;
        return Autograd.Record(output, [logits], o =>
        {
            // d loss_i / d x_ij = w_i (p_ij - [j == y_i])
            var g = o.Grad!;
            var gx = Autograd.GradOf(logits);
            for (var i = 0; i < n; i++)
            {
                var w = classWeight is null ? 1.0 : classWeight.Data[labels[i]];
                var gi = reduction switch
                {
                    Reduction.None => g[i] * w,
                    Reduction.Sum => g[0] * w,
                    _ => g[0] * w / weightSum,
                };
                for (var j = 0; j < c; j++)
                    gx[i * c + j] += (float)(gi * (probs[i * c + j] - (j == labels[i] ? 1.0 : 0.0)));
            }
        }, "cross_entropy");
    }

    /// <summary>
    /// Binary cross-entropy on logits (torch.nn.BCEWithLogitsLoss), stable for any logit:
    /// loss = w [(1 - y) x + (1 + (pw - 1) y) (log(1 + e^-|x|) + max(-x, 0))], with per-element weight w and
    /// pos_weight pw broadcast along the last (class) dim.
    /// </summary>
    public static Tensor BceWithLogits(Tensor logits, Tensor target, Tensor? weight = null, Tensor? posWeight = null,
        Reduction reduction = Reduction.Mean)
    {
        if (!logits.SameShape(target))
            throw new ArgumentException($"bce_with_logits: logits {logits.ShapeString} and target {target.ShapeString} differ in shape");
        var w = weight is null ? null : Expand(weight, logits.Shape, "bce_with_logits");
        var pw = posWeight is null ? null : Expand(posWeight, logits.Shape, "bce_with_logits (pos_weight)");
        var n = logits.Numel;
        var x = logits.Data;
        var y = target.Data;
        var per = new float[n];
        double total = 0;
        for (var k = 0; k < n; k++)
        {
            double xv = x[k], yv = y[k];
            var logWeight = pw is null ? 1.0 : 1.0 + (pw[k] - 1.0) * yv;
            var softplusNeg = Math.Log(1 + Math.Exp(-Math.Abs(xv))) + Math.Max(-xv, 0);
            var l = ((1 - yv) * xv + logWeight * softplusNeg) * (w is null ? 1.0 : w[k]);
            per[k] = (float)l;
            total += l;
        }
        var output = Reduce(per, total, logits.Shape, reduction);
        if (!Autograd.Needs(logits)) return output;
        return Autograd.Record(output, [logits], o =>
        {
            // d/dx = w [(1 - y) - logWeight sigmoid(-x)]
            var g = o.Grad!;
            var gx = Autograd.GradOf(logits);
            var scale = reduction == Reduction.Mean ? 1.0 / n : 1.0;
            for (var k = 0; k < n; k++)
            {
                double xv = x[k], yv = y[k];
                var logWeight = pw is null ? 1.0 : 1.0 + (pw[k] - 1.0) * yv;
                var sigNeg = 1.0 / (1.0 + Math.Exp(xv));
                var d = ((1 - yv) - logWeight * sigNeg) * (w is null ? 1.0 : w[k]);
                gx[k] += (float)((reduction == Reduction.None ? g[k] : g[0] * scale) * d);
            }
        }, "bce_with_logits");
    }
}
