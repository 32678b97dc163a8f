namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>
/// The scalar sum over pairs of sum(a * g) with constant g: PyTorch's fixtures back-propagate exactly this, so
/// each a receives g as its gradient. One tape entry, independent of the engine's own ops.
/// </summary>
internal static class Projection
{
    public static Tensor Of(IReadOnlyList<(Tensor A, Tensor G)> pairs)
    {
        double s = 0;
        foreach (var (a, g) in pairs)
        {
            Assert.True(a.SameShape(g), $"shape {a.ShapeString} vs upstream gradient {g.ShapeString}");
            for (var k = 0; k < a.Numel; k++) s += (double)a.Data[k] * g.Data[k];
        }
        var inputs = pairs.Select(p => p.A).ToArray();
        return Autograd.Record(Tensor.Scalar((float)s), inputs, o =>
        {
            var go = o.Grad![0];
            foreach (var (a, g) in pairs)
            {
                if (!a.RequiresGrad) continue;
                var ga = Autograd.GradOf(a);
                for (var k = 0; k < ga.Length; k++) ga[k] += go * g.Data[k];
            }
        }, "projection");
    }
}
