namespace AlphaSharp.Factors.Expressions;

/// <summary>What an operator argument must be.</summary>
internal enum ArgKind
{
    /// <summary>Any expression (a panel, or a constant broadcast to one).</summary>
    Series,
    /// <summary>An integer literal &gt;= 0; 0 means expanding (Qlib's rule).</summary>
    Window,
    /// <summary>An integer literal &gt;= 1.</summary>
    PositiveWindow,
    /// <summary>A non-zero integer literal; negative reads the future (labels only).</summary>
    Shift,
    /// <summary>A number literal.</summary>
    Number,
    /// <summary>EMA's N: a span &gt;= 1 or an alpha in (0, 1), Qlib's convention.</summary>
    Span,
}

/// <summary>How an operator's arguments relate to the panel axes, which decides what its evaluation needs.</summary>
internal enum OperatorKind { Elementwise, TimeSeries, CrossSection }

/// <summary>
/// One operator overload: its name, the kinds of its arguments (the last Series may repeat when
/// <see cref="Variadic"/>), a one-line description for errors and docs, and its evaluation over whole panels.
/// </summary>
internal sealed record OperatorSpec(
    string Name,
    ArgKind[] Args,
    string Signature,
    OperatorKind Kind,
    Func<EvalContext, float[][], double[], float[]> Eval,
    bool Variadic = false,
    int MinWindow = 0)
{
    public int SeriesCount => Args.Count(a => a == ArgKind.Series);
}
