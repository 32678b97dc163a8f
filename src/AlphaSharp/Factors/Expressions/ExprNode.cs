namespace AlphaSharp.Factors.Expressions;

/// <summary>
/// A node of the hash-consed expression graph: a field, a constant or an operator applied to earlier nodes with literal
/// parameters (windows, quantiles). Structurally equal sub-expressions are the same node, so they are computed once.
/// </summary>
public sealed class ExprNode
{
    internal ExprNode(int id, string key, string text, OperatorSpec? op, string? field, float? constant,
        IReadOnlyList<ExprNode> inputs, IReadOnlyList<double> parameters, int lookahead)
    {
        Id = id; Key = key; Text = text; Op = op; Field = field; Constant = constant;
        Inputs = inputs; Parameters = parameters; Lookahead = lookahead;
    }

    /// <summary>Position in creation order; inputs always have smaller ids (the graph's topological order).</summary>
    public int Id { get; }

    /// <summary>Canonical identity: operator, input ids and parameters.</summary>
    internal string Key { get; }

    /// <summary>Canonical text of the expression (Qlib spelling, no spaces).</summary>
    public string Text { get; }

    internal OperatorSpec? Op { get; }

    /// <summary>The operator's name (Mean, Corr, Add, ...); null for a field or a constant.</summary>
    public string? Operator => Op?.Name;
    public string? Field { get; }
    public float? Constant { get; }
    public IReadOnlyList<ExprNode> Inputs { get; }
    public IReadOnlyList<double> Parameters { get; }

    /// <summary>How many days after t the value at t reads (0 for anything usable as a feature).</summary>
    public int Lookahead { get; }

    public override string ToString() => Text;
}
