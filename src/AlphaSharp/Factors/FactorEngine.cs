using AlphaSharp.Data;
using AlphaSharp.Factors.Expressions;

namespace AlphaSharp.Factors;

/// <summary>
/// Computes factor expressions on a <see cref="MarketData"/>: Qlib-style formulas such as
/// <c>Corr($close, Log($volume+1), 10)</c>, evaluated over the whole panel. Results use the panel layout
/// (instrument-major, <c>values[i * T + t]</c>, NaN = missing). Time-series operators read every day of an instrument;
/// cross-sectional ones (CSRank, CSZScore, ...) rank within the universe members of each day (all instruments when
/// the data has no universe or <c>useUniverse</c> is false), leaving non-members NaN.
/// Many expressions at once (<see cref="Evaluate(IReadOnlyList{string}, Action{int, float[]}, ExpressionRole, Action{int, int}?)"/>)
/// share every common sub-expression. Compiled nodes are kept for the engine's life; values are not.
/// </summary>
public sealed class FactorEngine
{
    private readonly EvalContext _context;

    public FactorEngine(MarketData data, bool useUniverse = true)
    {
        Data = data;
        Fields = new FieldSource(data);
        Graph = new FactorGraph(Fields);
        Mask = useUniverse ? data.Universe?.MaskFor(data.Panel) : null;
        _context = new EvalContext(data.Panel.T, data.Panel.N, Mask, Fields.IndustryCodes);
    }

    public MarketData Data { get; }
    public FieldSource Fields { get; }
    public FactorGraph Graph { get; }

    /// <summary>Called after each node is computed with its wall time (profiling; null = off).</summary>
    public Action<ExprNode, TimeSpan>? NodeTimer { get; set; }

    /// <summary>Universe membership used by cross-sectional operators, instrument-major; null = everyone.</summary>
    public bool[]? Mask { get; }

    /// <summary>One expression on <paramref name="data"/> (its universe for cross-sections).</summary>
    public static float[] Evaluate(MarketData data, string expression, ExpressionRole role = ExpressionRole.Feature) =>
        new FactorEngine(data).Evaluate(expression, role);

    /// <summary>
    /// Hands a result panel the caller no longer needs back to the engine, which may write a later result into it: a
    /// caller evaluating expressions one by one then reuses a few panels instead of allocating a fresh 8 MB one per
    /// result. The caller must not read or write <paramref name="panel"/> afterwards. Panels of another size are ignored.
    /// </summary>
    public void Recycle(float[] panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        _context.Return(panel);
        _context.ClearPool();
    }

    /// <summary>Parses and checks an expression without computing it; throws <see cref="ExpressionException"/>.</summary>
    public ExprNode Compile(string expression, ExpressionRole role = ExpressionRole.Feature) => Graph.Add(expression, role);

    public float[] Evaluate(string expression, ExpressionRole role = ExpressionRole.Feature) => Evaluate([expression], role)[0];

    /// <summary>Several expressions, sharing sub-expressions; one panel per expression, in order.</summary>
    public float[][] Evaluate(IReadOnlyList<string> expressions, ExpressionRole role = ExpressionRole.Feature, Action<int, int>? progress = null)
    {
        var results = new float[expressions.Count][];
        Evaluate(expressions, (k, v) => results[k] = v, role, progress);
        return results;
    }

    /// <summary>
    /// Streams results: <paramref name="sink"/> gets (index, panel) as each expression completes, and may keep the
    /// panel (it is not reused). Everything is compiled first, so a bad expression fails before any work.
    /// <paramref name="progress"/> gets (done, total).
    /// </summary>
    public void Evaluate(IReadOnlyList<string> expressions, Action<int, float[]> sink, ExpressionRole role = ExpressionRole.Feature,
        Action<int, int>? progress = null)
    {
        var roots = expressions.Select(e => Compile(e, role)).ToList();
        GraphEvaluator.Run(roots, Fields, _context, sink, progress, NodeTimer);
    }
}
