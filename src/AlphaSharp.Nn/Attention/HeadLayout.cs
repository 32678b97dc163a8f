namespace AlphaSharp.Nn.Attention;

/// <summary>
/// Where one head's [rows, headDim] matrix lives inside a larger buffer, so attention reads the projected
/// queries, keys and values in place (packed QKV, batch-first or sequence-first) with no permute copies.
/// Element (batch n, head h, row r, column j) is at Offset + n*BatchStride + h*HeadStride + r*RowStride + j.
/// </summary>
internal readonly record struct HeadLayout(int Offset, int BatchStride, int HeadStride, int RowStride)
{
    public int Base(int n, int h) => Offset + n * BatchStride + h * HeadStride;

    /// <summary>
    /// Layout of head blocks of width headDim inside a [rows, width] buffer whose rows are ordered (n, t)
    /// (batch-first: row n*T + t) or (t, n) (sequence-first: row t*N + n), starting at column <paramref name="column"/>.
    /// </summary>
    public static HeadLayout Of(bool batchFirst, int batch, int length, int width, int column, int headDim) => batchFirst
        ? new HeadLayout(column, length * width, headDim, width)
        : new HeadLayout(column, width, headDim, batch * width);
}
