using System.Globalization;

namespace AlphaSharp.Factors.Expressions;

/// <summary>
/// Turns parsed syntax into graph nodes: resolves operator names and overloads by arity, checks literal arguments
/// (windows, quantiles), fields and future references, folds constant arithmetic, and interns every node so equal
/// sub-expressions share one node. Every error names the column of what is wrong.
/// </summary>
internal sealed class Binder(string text, ExpressionRole role, FieldSource fields, Func<string, Func<int, ExprNodeDraft>, ExprNode> intern)
{
    public ExprNode Bind(Syntax s) => s switch
    {
        NumberSyntax n => Constant((float)n.Value),
        FieldSyntax f => Field(f),
        CallSyntax c => Call(c),
        _ => throw new InvalidOperationException($"unknown syntax {s.GetType().Name}"),
    };

    private ExprNode Constant(float value)
    {
        var t = Format(value);
        return intern("#" + t, id => new ExprNodeDraft(t, null, null, value, [], [], 0));
    }

    private ExprNode Field(FieldSyntax f)
    {
        if (f.Name == FieldSource.Industry)
            throw Error(f.Offset, "$industry is a category, usable only as an exposure of CSNeutralize(feature, ..., $industry)");
        if (!fields.Has(f.Name))
        {
            var hint = Suggest(f.Name, fields.Names);
            throw Error(f.Offset, $"unknown field '${f.Name}'{(hint is null ? "" : $" (did you mean '${hint}'?)")}; fields: " +
                                  string.Join(", ", fields.Names.Select(n => "$" + n)));
        }
        return intern("$" + f.Name, id => new ExprNodeDraft("$" + f.Name, null, f.Name, null, [], [], 0));
    }

    private ExprNode Call(CallSyntax c)
    {
        var overloads = OperatorCatalog.Lookup(c.Name);
        if (overloads is null)
        {
            var hint = Suggest(c.Name, OperatorCatalog.Names);
            throw Error(c.Offset, $"unknown operator '{c.Name}'{(hint is null ? "" : $" (did you mean '{hint}'?)")}");
        }
        var spec = overloads.FirstOrDefault(o => o.Args.Length == c.Args.Count)
                   ?? overloads.FirstOrDefault(o => o.Variadic && c.Args.Count >= o.Args.Length);
        if (spec is null)
        {
            var forms = string.Join(" or ", overloads.Select(o => o.Signature));
            var expected = string.Join(" or ", overloads.Select(o => o.Variadic ? $"{o.Args.Length}+" : o.Args.Length.ToString(CultureInfo.InvariantCulture)));
            throw Error(c.Offset, $"{c.Name} takes {expected} argument{(expected == "1" ? "" : "s")} ({forms}), got {c.Args.Count}");
        }
        var inputs = new List<ExprNode>();
        var parameters = new List<double>();
        var lookahead = 0;
        var industry = false;
        for (var k = 0; k < c.Args.Count; k++)
        {
            var kind = k < spec.Args.Length ? spec.Args[k] : ArgKind.Series;
            var arg = c.Args[k];
            if (kind == ArgKind.Series)
            {
                if (spec.Variadic && k > 0 && arg is FieldSyntax { Name: FieldSource.Industry })
                {
                    if (!fields.Has(FieldSource.Industry)) throw Error(arg.Offset, "$industry: this data has no industry map");
                    industry = true;
                    continue;
                }
                var node = Bind(arg);
                inputs.Add(node);
                lookahead = Math.Max(lookahead, node.Lookahead);
                continue;
            }
            if (arg is not NumberSyntax num)
                throw Error(arg.Offset, $"argument {k + 1} of {c.Name} must be a number literal ({spec.Signature})");
            var v = num.Value;
            switch (kind)
            {
                case ArgKind.Window or ArgKind.PositiveWindow:
                    if (v != Math.Floor(v) || v < 0 || v > int.MaxValue)
                        throw Error(arg.Offset, $"window of {c.Name} must be a whole number of days >= {(kind == ArgKind.Window ? 0 : 1)}, got {Format(v)}");
                    if (kind == ArgKind.PositiveWindow && v < 1)
                        throw Error(arg.Offset, $"window of {c.Name} must be at least 1 day, got {Format(v)}");
                    if (v != 0 && v < spec.MinWindow)
                        throw Error(arg.Offset, $"window of {c.Name} must be at least {spec.MinWindow} days (or 0 for expanding), got {Format(v)}");
                    break;
                case ArgKind.Shift:
                    if (v != Math.Floor(v) || Math.Abs(v) > int.MaxValue)
                        throw Error(arg.Offset, $"{c.Name} needs a whole number of days, got {Format(v)}");
                    if (v == 0)
                        throw Error(arg.Offset, $"{c.Name}(..., 0) is not accepted: Qlib reads it as the first value of the loaded range, which depends on where loading starts");
                    if (v < 0)
                    {
                        if (role != ExpressionRole.Label)
                            throw Error(arg.Offset, $"{c.Name}(..., {Format(v)}) reads {Format(-v)} day{(v == -1 ? "" : "s")} ahead; future references are allowed only in labels");
                        lookahead = Math.Max(lookahead, inputs.Max(i => i.Lookahead) + (int)-v);
                    }
                    break;
                case ArgKind.Span:
                    if (!(v > 0)) throw Error(arg.Offset, $"{c.Name} needs a span >= 1 or an alpha in (0, 1), got {Format(v)}");
                    break;
            }
            parameters.Add(v);
        }
        if (spec.Name == "CSNeutralize") parameters.Insert(0, industry ? 1 : 0);
        if (spec.Kind == OperatorKind.Elementwise && inputs.All(i => i.Constant is not null))
            return Constant(spec.Eval(new EvalContext(1, 1, null, () => []), inputs.Select(i => new[] { i.Constant!.Value }).ToArray(), [.. parameters])[0]);
        var textArgs = inputs.Select(i => i.Text).Concat(parameters.Skip(spec.Name == "CSNeutralize" ? 1 : 0).Select(Format));
        if (industry) textArgs = textArgs.Append("$industry");
        var display = $"{spec.Name}({string.Join(",", textArgs)})";
        var key = $"{spec.Name}/{spec.Args.Length}({string.Join(",", inputs.Select(i => i.Id))};{string.Join(",", parameters.Select(Format))})";
        return intern(key, id => new ExprNodeDraft(display, spec, null, null, inputs, parameters, lookahead));
    }

    private ExpressionException Error(int offset, string message) => ExpressionException.At(text, offset, message);

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A known name close to <paramref name="name"/>: the same letters in another case, or at most two edits that
    /// change less than half of it (so 'Foo' suggests nothing rather than 'Or').
    /// </summary>
    private static string? Suggest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var k in known)
        {
            if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) return k;
            var d = Distance(name.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestDistance && 2 * d < name.Length) { bestDistance = d; best = k; }
        }
        return best;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}

/// <summary>Everything about a node except its id, which the graph assigns when the node is new.</summary>
internal sealed record ExprNodeDraft(string Text, OperatorSpec? Op, string? Field, float? Constant,
    IReadOnlyList<ExprNode> Inputs, IReadOnlyList<double> Parameters, int Lookahead);
