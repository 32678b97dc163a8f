using System.Globalization;
using AlphaSharp.Common;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Reads one mapping of a workflow against the schema: each typed read records a problem instead of throwing (and
/// returns the default, so binding goes on and every problem is found), writes the value it settled on into the
/// canonical document, and marks its key as known; <see cref="Finish"/> then reports every key no read asked for,
/// with the closest known one.
/// </summary>
internal sealed class Section
{
    private readonly List<WorkflowProblem> _problems;
    private readonly YMap? _map;
    private readonly Source _where;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public Section(List<WorkflowProblem> problems, string path, YMap? map, Source where, SortedDictionary<string, object> output)
    {
        _problems = problems;
        Path = path;
        _map = map;
        _where = where;
        Output = output;
    }

    public string Path { get; }
    public List<WorkflowProblem> Problems => _problems;
    public SortedDictionary<string, object> Output { get; }
    public Source Where => _where;

    public string KeyOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Where <paramref name="key"/> is written, else where this section is.</summary>
    public Source SourceOf(string key) => _map?.Find(key)?.KeySource ?? _where;

    public IEnumerable<string> Keys => _map?.Entries.Select(e => e.Key) ?? [];

    /// <summary>The raw value of <paramref name="key"/> (null when absent or null), marking the key as known.</summary>
    public YNode? Take(string key)
    {
        _known.Add(key);
        var node = _map?.Find(key)?.Value;
        return node is YScalar { Value: null } ? null : node;
    }

    public bool Has(string key) => _map?.Find(key)?.Value is { } v && v is not YScalar { Value: null };

    public void Problem(string key, string message) => _problems.Add(new WorkflowProblem(SourceOf(key).ToString(), KeyOf(key), message));

    public void ProblemAt(YNode node, string key, string message) => _problems.Add(new WorkflowProblem(node.Source.ToString(), KeyOf(key), message));

    /// <summary>The text of a single value, or null (with a problem) when the key holds a list or a mapping.</summary>
    public string? Scalar(string key)
    {
        var node = Take(key);
        switch (node)
        {
            case null: return null;
            case YScalar s: return s.Value;
            default:
                Problem(key, $"expected a single value, got {(node is YSeq ? "a list" : "a mapping")}");
                return null;
        }
    }

    public int Int(string key, int fallback, int min, int max = int.MaxValue)
    {
        var v = OptionalInt(key, min, max) ?? fallback;
        Output[key] = CanonicalDocument.Int(v);
        return v;
    }

    public int? OptionalInt(string key, int min, int max = int.MaxValue)
    {
        var text = Scalar(key);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            Problem(key, $"expected a whole number, got '{text}'");
            return null;
        }
        if (v < min || v > max)
        {
            Problem(key, max == int.MaxValue ? $"expected a whole number of {min} or more, got {v}" : $"expected a whole number from {min} to {max}, got {v}");
            return null;
        }
        return v;
    }

    /// <summary>A number in [min, max] (or (min, max] when <paramref name="aboveMin"/>).</summary>
    public double Number(string key, double fallback, double min, double max, bool aboveMin = false)
    {
        var v = OptionalNumber(key, min, max, aboveMin) ?? fallback;
        Output[key] = CanonicalDocument.Num(v);
        return v;
    }

    public double? OptionalNumber(string key, double min, double max, bool aboveMin = false)
    {
        var text = Scalar(key);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            Problem(key, $"expected a number, got '{text}'");
            return null;
        }
        if (v < min || v > max || (aboveMin && v <= min))
        {
            var low = aboveMin ? $"above {CanonicalDocument.Num(min)}" : $"at least {CanonicalDocument.Num(min)}";
            Problem(key, double.IsPositiveInfinity(max) ? $"expected a number {low}, got {text}" : $"expected a number {low} and at most {CanonicalDocument.Num(max)}, got {text}");
            return null;
        }
        return v;
    }

    public bool Bool(string key, bool fallback)
    {
        var text = Scalar(key);
        var v = fallback;
        if (text is not null)
        {
            if (text is "true" or "false") v = text == "true";
            else Problem(key, $"expected true or false, got '{text}'");
        }
        Output[key] = CanonicalDocument.Bool(v);
        return v;
    }

    public string Text(string key, string fallback)
    {
        var v = Scalar(key) ?? fallback;
        Output[key] = CanonicalDocument.Str(v);
        return v;
    }

    public T Choice<T>(string key, SettingChoices<T> choices, T fallback) where T : notnull
    {
        var text = Scalar(key);
        var v = fallback;
        if (text is not null)
        {
            if (choices.Names.Contains(text)) v = choices.Parse(key, text);
            else Problem(key, $"expected one of {string.Join(", ", choices.Names)}, got '{text}'{Hint(text, choices.Names)}");
        }
        Output[key] = CanonicalDocument.Str(choices.NameOf(v));
        return v;
    }

    public DateOnly? Date(YNode node, string key)
    {
        if (node is YScalar { Value: { } text })
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            ProblemAt(node, key, $"expected a date YYYY-MM-DD, got '{text}'");
            return null;
        }
        ProblemAt(node, key, "expected a date YYYY-MM-DD");
        return null;
    }

    /// <summary>A nested section; absent gives an empty one (all defaults), a value that is no mapping a problem.</summary>
    public Section Sub(string key)
    {
        var node = Take(key);
        var output = new SortedDictionary<string, object>(StringComparer.Ordinal);
        Output[key] = output;
        if (node is not null and not YMap) Problem(key, $"expected a section (a mapping of keys), got {(node is YSeq ? "a list" : $"'{((YScalar)node).Value}'")}");
        // A problem about a key missing from the section names the line of the section's own key.
        return new Section(_problems, KeyOf(key), node as YMap, SourceOf(key), output);
    }

    /// <summary>Reports every key of the mapping that no read asked for, with the closest known key.</summary>
    public void Finish()
    {
        if (_map is null) return;
        foreach (var e in _map.Entries)
            if (!_known.Contains(e.Key))
                _problems.Add(new WorkflowProblem(e.KeySource.ToString(), KeyOf(e.Key),
                    $"unknown key{Hint(e.Key, _known)}; {(Path.Length == 0 ? "sections" : "keys")} here: {string.Join(", ", _known.Order(StringComparer.Ordinal))}"));
    }

    /// <summary>
    /// Runs a library check (a record's Validate, a constructor) and turns its <see cref="SettingException"/> into a
    /// problem at the first named setting this section writes; the library's own message says what is expected.
    /// </summary>
    public void Check(Action check, IReadOnlyDictionary<string, string>? keyOfSetting = null)
    {
        try
        {
            check();
        }
        catch (SettingException e)
        {
            string? key = null;
            foreach (var s in e.Settings)
            {
                var k = keyOfSetting is not null && keyOfSetting.TryGetValue(s, out var mapped) ? mapped : s;
                if (_map?.Find(k) is not null) { key = k; break; }
            }
            key ??= keyOfSetting is not null && keyOfSetting.TryGetValue(e.Setting, out var m2) ? m2 : e.Setting;
            Problem(key, e.Message);
        }
        catch (InputException e)
        {
            _problems.Add(new WorkflowProblem(_where.ToString(), Path, e.Message));
        }
    }

    public static string Hint(string word, IEnumerable<string> names) => Suggest.Closest(word, names) is { } h ? $" (did you mean {h}?)" : "";
}
