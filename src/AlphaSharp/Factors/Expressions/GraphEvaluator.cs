namespace AlphaSharp.Factors.Expressions;

/// <summary>
/// Evaluates the nodes the roots need, in id order (inputs first), handing each root's panel to the sink as soon as it
/// is ready and dropping every intermediate panel after its last reader, so a batch of hundreds of features needs
/// memory for the working set, not for every sub-expression.
/// </summary>
internal static class GraphEvaluator
{
    public static void Run(IReadOnlyList<ExprNode> roots, FieldSource fields, EvalContext context,
        Action<int, float[]> sink, Action<int, int>? progress, Action<ExprNode, TimeSpan>? nodeTimer = null)
    {
        var readers = new Dictionary<int, int>();
        var needed = new SortedDictionary<int, ExprNode>();
        var stack = new Stack<ExprNode>(roots);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!needed.TryAdd(node.Id, node)) continue;
            foreach (var input in node.Inputs)
            {
                readers[input.Id] = readers.GetValueOrDefault(input.Id) + 1;
                stack.Push(input);
            }
        }
        var rootsOf = new Dictionary<int, List<int>>();
        for (var r = 0; r < roots.Count; r++)
        {
            if (!rootsOf.TryGetValue(roots[r].Id, out var list)) rootsOf[roots[r].Id] = list = [];
            list.Add(r);
        }
        var values = new Dictionary<int, float[]>();
        // Panels that never go back to the pool: those handed to the sink and the fields the source keeps.
        var handedOut = new HashSet<float[]>(ReferenceEqualityComparer.Instance);
        var done = 0;
        foreach (var node in needed.Values)
        {
            var started = nodeTimer is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
            var value = Compute(node, values, fields, context);
            if (node.Field is not null) handedOut.Add(value);
            nodeTimer?.Invoke(node, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            foreach (var input in node.Inputs)
            {
                var left = readers[input.Id] -= 1;
                // A panel no node reads any more goes back to the pool, unless a caller holds it.
                if (left == 0 && values.Remove(input.Id, out var released) && !handedOut.Contains(released)) context.Return(released);
            }
            if (rootsOf.TryGetValue(node.Id, out var rs))
            {
                // A root that is a bare field gets its own copy: the shared one must stay unwritten.
                var full = node.Field is null ? context.Broadcast(value) : (float[])value.Clone();
                handedOut.Add(full);
                for (var k = 0; k < rs.Count; k++)
                {
                    // Equal expressions share a node; each caller still gets its own array.
                    sink(rs[k], k == 0 ? full : (float[])full.Clone());
                    progress?.Invoke(++done, roots.Count);
                }
            }
            if (readers.GetValueOrDefault(node.Id) > 0) values[node.Id] = value;
            else if (!handedOut.Contains(value)) context.Return(value);
        }
        context.ClearPool();
    }

    private static float[] Compute(ExprNode node, Dictionary<int, float[]> values, FieldSource fields, EvalContext context)
    {
        if (node.Constant is { } c) return [c];
        if (node.Field is { } f) return fields.Shared(f);
        var inputs = node.Inputs.Select(i => values[i.Id]).ToArray();
        return node.Op!.Eval(context, inputs, node.Parameters.ToArray());
    }
}
