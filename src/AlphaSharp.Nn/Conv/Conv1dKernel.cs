using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Conv;

/// <summary>
/// 1-D convolution as im2col + one GEMM per group over the whole batch: the column matrix is
/// [Cin*K, N*Lout] (row ci*K + kk holds the input tap kk of channel ci for every output position of every sample),
/// so each group's product is W_g [Cout_g, Cin_g*K] x col_g, large enough to run the GEMM at speed even for short
/// sequences. Backward reuses the saved columns: dW_g = dY_g col_g^T, dcol_g = W_g^T dY_g, then col2im.
/// </summary>
internal static class Conv1dKernel
{
    public static void Im2Col(ReadOnlySpan<float> x, int n, int cin, int length, Conv1dGeometry g, int lout, Span<float> col)
    {
        var cols = n * lout;
        for (var ci = 0; ci < cin; ci++)
            for (var kk = 0; kk < g.Kernel; kk++)
            {
                var row = col.Slice((ci * g.Kernel + kk) * cols, cols);
                var shift = kk * g.Dilation - g.PadLeft;
                for (var s = 0; s < n; s++)
                {
                    var src = x.Slice((s * cin + ci) * length, length);
                    var dst = row.Slice(s * lout, lout);
                    for (var t = 0; t < lout; t++)
                    {
                        var p = t * g.Stride + shift;
                        dst[t] = (uint)p < (uint)length ? src[p] : 0f;
                    }
                }
            }
    }

    public static void Col2Im(ReadOnlySpan<float> col, int n, int cin, int length, Conv1dGeometry g, int lout, Span<float> dx)
    {
        var cols = n * lout;
        for (var ci = 0; ci < cin; ci++)
            for (var kk = 0; kk < g.Kernel; kk++)
            {
                var row = col.Slice((ci * g.Kernel + kk) * cols, cols);
                var shift = kk * g.Dilation - g.PadLeft;
                for (var s = 0; s < n; s++)
                {
                    var dst = dx.Slice((s * cin + ci) * length, length);
                    var src = row.Slice(s * lout, lout);
                    for (var t = 0; t < lout; t++)
                    {
                        var p = t * g.Stride + shift;
                        if ((uint)p < (uint)length) dst[p] += src[t];
                    }
                }
            }
    }

    /// <summary>y [N, Cout, Lout] = conv(x, w) + b; <paramref name="col"/> receives the columns backward needs.</summary>
    public static void Forward(ReadOnlySpan<float> x, int n, int cin, int length, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
        int cout, int groups, Conv1dGeometry g, int lout, Span<float> col, Span<float> y)
    {
        Im2Col(x, n, cin, length, g, lout, col);
        var cols = n * lout;
        int cinG = cin / groups, coutG = cout / groups, kg = cinG * g.Kernel;
        var prod = new float[cout * cols];
        for (var gi = 0; gi < groups; gi++)
            Gemm.Sgemm(false, false, coutG, cols, kg, 1f,
                w.Slice(gi * coutG * kg, coutG * kg), kg,
                col.Slice(gi * kg * cols, kg * cols), cols,
                0f, prod.AsSpan(gi * coutG * cols, coutG * cols), cols);
        // [Cout, N*Lout] -> [N, Cout, Lout], adding the bias on the way.
        for (var co = 0; co < cout; co++)
        {
            var b = bias.IsEmpty ? 0f : bias[co];
            for (var s = 0; s < n; s++)
            {
                var src = prod.AsSpan(co * cols + s * lout, lout);
                var dst = y.Slice((s * cout + co) * lout, lout);
                for (var t = 0; t < lout; t++) dst[t] = src[t] + b;
            }
        }
    }

    /// <summary>Adds the gradients of x, w and b (empty spans are skipped) given dy [N, Cout, Lout].</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> col, ReadOnlySpan<float> w, int n, int cin, int length,
        int cout, int groups, Conv1dGeometry g, int lout, Span<float> dx, Span<float> dw, Span<float> db)
    {
        var cols = n * lout;
        int cinG = cin / groups, coutG = cout / groups, kg = cinG * g.Kernel;
        var dyT = new float[cout * cols];
        for (var co = 0; co < cout; co++)
        {
            double sum = 0;
            for (var s = 0; s < n; s++)
            {
                var src = dy.Slice((s * cout + co) * lout, lout);
                var dst = dyT.AsSpan(co * cols + s * lout, lout);
                src.CopyTo(dst);
                foreach (var v in src) sum += v;
            }
            if (!db.IsEmpty) db[co] += (float)sum;
        }
        if (!dw.IsEmpty)
            for (var gi = 0; gi < groups; gi++)
                Gemm.Sgemm(false, true, coutG, kg, cols, 1f,
                    dyT.AsSpan(gi * coutG * cols, coutG * cols), cols,
                    col.Slice(gi * kg * cols, kg * cols), cols,
                    1f, dw.Slice(gi * coutG * kg, coutG * kg), kg);
        if (dx.IsEmpty) return;
        var dcol = new float[cin * g.Kernel * cols];
        for (var gi = 0; gi < groups; gi++)
            Gemm.Sgemm(true, false, kg, cols, coutG, 1f,
                w.Slice(gi * coutG * kg, coutG * kg), kg,
                dyT.AsSpan(gi * coutG * cols, coutG * cols), cols,
                0f, dcol.AsSpan(gi * kg * cols, kg * cols), cols);
        Col2Im(dcol, n, cin, length, g, lout, dx);
    }
}
