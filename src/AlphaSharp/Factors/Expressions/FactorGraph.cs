namespace AlphaSharp.Factors.Expressions;

/// <summary>
/// The hash-consed graph of every expression compiled against one data set: structurally equal sub-expressions are
/// one node, so a batch (Alpha158 reuses Ref($close,1), Mean, Std ... many times) computes each once.
/// </summary>
public sealed class FactorGraph(FieldSource fields)
{
    private readonly Dictionary<string, ExprNode> _interned = new(StringComparer.Ordinal);
    private readonly List<ExprNode> _nodes = [];

    public IReadOnlyList<ExprNode> Nodes => _nodes;
    public FieldSource Fields => fields;

    /// <summary>Parses and binds an expression; throws <see cref="ExpressionException"/> naming the column on any error.</summary>
    public ExprNode Add(string expression, ExpressionRole role = ExpressionRole.Feature)
    {
        var syntax = Parser.Parse(expression);
        lock (_interned)
        {
            var binder = new Binder(expression, role, fields, Intern);
            return binder.Bind(syntax);
        }
    }

    private ExprNode Intern(string key, Func<int, ExprNodeDraft> make)
    {
        if (_interned.TryGetValue(key, out var node)) return node;
        var id = _nodes.Count;
        var d = make(id);
        node = new ExprNode(id, key, d.Text, d.Op, d.Field, d.Constant, d.Inputs, d.Parameters, d.Lookahead);
        _interned[key] = node;
        _nodes.Add(node);
        return node;
    }
}
