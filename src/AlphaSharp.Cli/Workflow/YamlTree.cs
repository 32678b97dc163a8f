using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AlphaSharp.Cli.Workflow;

/// <summary>Where a value was written: a file line, or the <c>--set</c> that wrote it (line 0).</summary>
public sealed record Source(string Origin, int Line)
{
    public override string ToString() => Line > 0 ? $"{Origin}:{Line}" : Origin;
}

/// <summary>A YAML node with the place it was written, so every problem can name its line.</summary>
public abstract record YNode(Source Source);

/// <summary>A scalar as written; <see cref="Value"/> is null for YAML's null (<c>~</c>, <c>null</c>, nothing).</summary>
public sealed record YScalar(Source Source, string? Value) : YNode(Source);

public sealed record YSeq(Source Source, IReadOnlyList<YNode> Items) : YNode(Source);

/// <summary>A mapping in file order; each key keeps its own line (the line a problem about that key names).</summary>
public sealed record YMap(Source Source, List<YEntry> Entries) : YNode(Source)
{
    public YEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key == key);
}

public sealed record YEntry(string Key, Source KeySource, YNode Value);

/// <summary>
/// Reads YAML into <see cref="YNode"/>s from YamlDotNet's event stream rather than its representation model: that
/// model stops at the first duplicate key, while a workflow check must report every problem with its line.
/// </summary>
public static class YamlTree
{
    /// <summary>The document's root, or null (with the reason in <paramref name="problems"/>) when there is none.</summary>
    public static YNode? Parse(string text, string origin, List<WorkflowProblem> problems, string what = "yaml")
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                problems.Add(new WorkflowProblem($"{origin}:1", what, "the file is empty; a workflow is a mapping of sections (data, features, label, segments, models, ...)"));
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = Read(parser, origin, problems);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
                problems.Add(new WorkflowProblem(At(origin, next.Start), what, "a second YAML document; a workflow is one document"));
            return root;
        }
        catch (YamlException e)
        {
            problems.Add(new WorkflowProblem(At(origin, e.Start), what, $"not valid YAML ({Clean(e.Message)})"));
            return null;
        }
    }

    private static YNode Read(IParser parser, string origin, List<WorkflowProblem> problems)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            problems.Add(new WorkflowProblem(At(origin, alias.Start), $"*{alias.Value}", "aliases are not supported; write the value out, or use a profile to vary a base"));
            return new YScalar(new Source(origin, Line(alias.Start)), null);
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
            return new YScalar(new Source(origin, Line(scalar.Start)), isNull ? null : scalar.Value);
        }
        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var items = new List<YNode>();
            while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(Read(parser, origin, problems));
            return new YSeq(new Source(origin, Line(seqStart.Start)), items);
        }
        var mapStart = parser.Consume<MappingStart>();
        var entries = new List<YEntry>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current!.Start;
            var keyNode = Read(parser, origin, problems);
            var value = Read(parser, origin, problems);
            if (keyNode is not YScalar { Value: { } key })
            {
                problems.Add(new WorkflowProblem(At(origin, keyStart), "(key)", "a key must be a plain name"));
                continue;
            }
            var keySource = new Source(origin, Line(keyStart));
            if (entries.FirstOrDefault(e => e.Key == key) is { } first)
            {
                problems.Add(new WorkflowProblem(keySource.ToString(), key, $"duplicate key (first set on line {first.KeySource.Line}); give each key once"));
                continue;
            }
            entries.Add(new YEntry(key, keySource, value));
        }
        return new YMap(new Source(origin, Line(mapStart.Start)), entries);
    }

    private static int Line(Mark mark) => (int)mark.Line;
    private static string At(string origin, Mark mark) => $"{origin}:{Math.Max(1, mark.Line)}";

    /// <summary>YamlDotNet's messages begin with their own (Line: .., Col: ..) position, which the line prefix already gives.</summary>
    private static string Clean(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
