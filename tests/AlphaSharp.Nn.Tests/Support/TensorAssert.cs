namespace AlphaSharp.Nn.Tests.Support;

/// <summary>Element-wise closeness with the parity rule: within <c>rtol</c> relative OR <c>atol</c> absolute.</summary>
public static class TensorAssert
{
    public static void Close(Tensor expected, Tensor actual, string what, double rtol = 1e-4, double atol = 1e-5)
    {
        Assert.True(expected.SameShape(actual), $"{what}: shape {actual.ShapeString}, expected {expected.ShapeString}");
        Close(expected.Data, actual.Data, what, rtol, atol);
    }

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, double rtol = 1e-4, double atol = 1e-5)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        var bad = 0;
        var worst = -1;
        var worstErr = 0.0;
        for (var k = 0; k < expected.Length; k++)
        {
            var e = (double)expected[k];
            var err = Math.Abs(actual[k] - e);
            if (err <= Math.Max(atol, rtol * Math.Abs(e))) continue;
            if (double.IsNaN(err)) err = double.PositiveInfinity;
            bad++;
            if (err >= worstErr) { worstErr = err; worst = k; }
        }
        if (bad > 0)
            Assert.Fail($"{what}: {bad} of {expected.Length} values differ; worst at [{worst}]: {actual[worst]:G9} vs expected {expected[worst]:G9}");
    }

    /// <summary>A gradient buffer against its reference; a missing gradient counts as all zeros.</summary>
    public static void GradClose(Tensor expectedGrad, Tensor param, string what, double rtol = 1e-4, double atol = 1e-5)
        => Close(expectedGrad.Data, param.Grad ?? new float[param.Numel], what, rtol, atol);
}
