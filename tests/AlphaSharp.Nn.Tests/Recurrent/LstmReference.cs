namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>
/// The LSTM written out in double precision, with its cell activation (Keras's <c>activation</c>): per layer and
/// direction, gates = x W_ih^T + b_ih + h W_hh^T + b_hh in PyTorch's order i, f, g, o; g = act(g); c = f c + i g;
/// h = o act(c). It also returns how close any relu argument (g's or c's) came to the kink at 0, exact zeros
/// left out (c stays exactly 0 while every g so far was clipped, and a perturbation small against the g margin
/// cannot move it).
/// </summary>
internal static class LstmReference
{
    public static (double[] Y, double[] Hn, double[] Cn, double Margin) Run(LSTM m, Tensor x, Tensor? h0, Tensor? c0)
    {
        int H = m.HiddenSize, D = m.Bidirectional ? 2 : 1, L = m.NumLayers;
        var bf = m.BatchFirst;
        int T = bf ? x.Shape[1] : x.Shape[0], B = bf ? x.Shape[0] : x.Shape[1], G = 4 * H;
        var p = m.StateDict();
        var act = m.Activation;
        var margin = double.PositiveInfinity;
        void Watch(double v)
        {
            if (act == CellActivation.Relu && v != 0) margin = Math.Min(margin, Math.Abs(v));
        }
        double Act(double v) => act switch
        {
            CellActivation.Relu => Math.Max(v, 0),
            CellActivation.Linear => v,
            _ => Math.Tanh(v),
        };
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

        var inSize = m.InputSize;
        var layerIn = new double[T * B * inSize];
        for (var t = 0; t < T; t++)
            for (var b = 0; b < B; b++)
                for (var k = 0; k < inSize; k++)
                    layerIn[(t * B + b) * inSize + k] = x.Data[(bf ? b * T + t : t * B + b) * inSize + k];
        var hn = new double[L * D * B * H];
        var cn = new double[hn.Length];
        var a = new double[G];
        for (var l = 0; l < L; l++)
        {
            var outs = new double[T * B * D * H];
            for (var d = 0; d < D; d++)
            {
                var k = l * D + d;
                var sfx = $"_l{l}" + (d == 1 ? "_reverse" : "");
                var wIh = p["weight_ih" + sfx].Data;
                var wHh = p["weight_hh" + sfx].Data;
                var bIh = m.Bias ? p["bias_ih" + sfx].Data : null;
                var bHh = m.Bias ? p["bias_hh" + sfx].Data : null;
                var h = new double[B * H];
                var c = new double[B * H];
                for (var i = 0; i < B * H; i++)
                {
                    h[i] = h0 is null ? 0 : h0.Data[k * B * H + i];
                    c[i] = c0 is null ? 0 : c0.Data[k * B * H + i];
                }
                for (var s = 0; s < T; s++)
                {
                    var t = d == 1 ? T - 1 - s : s;
                    for (var b = 0; b < B; b++)
                    {
                        for (var q = 0; q < G; q++)
                        {
                            var v = bIh is null ? 0 : (double)bIh[q] + bHh![q];
                            for (var j = 0; j < inSize; j++) v += (double)wIh[q * inSize + j] * layerIn[(t * B + b) * inSize + j];
                            for (var j = 0; j < H; j++) v += (double)wHh[q * H + j] * h[b * H + j];
                            a[q] = v;
                        }
                        for (var j = 0; j < H; j++)
                        {
                            Watch(a[2 * H + j]);
                            double ig = Sigmoid(a[j]), fg = Sigmoid(a[H + j]), gg = Act(a[2 * H + j]), og = Sigmoid(a[3 * H + j]);
                            var cv = fg * c[b * H + j] + ig * gg;
                            Watch(cv);
                            c[b * H + j] = cv;
                            h[b * H + j] = og * Act(cv);
                            outs[(t * B + b) * D * H + d * H + j] = h[b * H + j];
                        }
                    }
                }
                h.CopyTo(hn, k * B * H);
                c.CopyTo(cn, k * B * H);
            }
            layerIn = outs;
            inSize = D * H;
        }
        var y = new double[layerIn.Length];
        for (var t = 0; t < T; t++)
            for (var b = 0; b < B; b++)
                Array.Copy(layerIn, (t * B + b) * D * H, y, (bf ? b * T + t : t * B + b) * D * H, D * H);
        return (y, hn, cn, margin);
    }
}
