namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// How a profile and the <c>--set</c> overrides change the base document. Mappings merge key by key, to any depth;
/// any other value (a scalar, a list) replaces what was there; a null removes the key, so its default applies again
/// (a smoke profile drops a model with <c>models: {lstm: ~}</c>). Every node keeps its own source, so a problem in a
/// merged value still names the profile's line or the override.
/// </summary>
public static class TreeMerge
{
    public static YMap Merge(YMap baseMap, YMap overlay)
    {
        var entries = new List<YEntry>(baseMap.Entries);
        foreach (var o in overlay.Entries)
        {
            var k = entries.FindIndex(e => e.Key == o.Key);
            if (o.Value is YScalar { Value: null })
            {
                if (k >= 0) entries.RemoveAt(k);
                continue;
            }
            if (k < 0) entries.Add(o);
            else if (entries[k].Value is YMap a && o.Value is YMap b) entries[k] = entries[k] with { Value = Merge(a, b) };
            else entries[k] = o;
        }
        return baseMap with { Entries = entries };
    }

    /// <summary>
    /// Applies one <c>--set key.path=value</c>: the value is read as YAML (so <c>[a, b]</c> is a list and <c>~</c>
    /// removes the key). A model is addressed by its name (<c>models.lstm.hidden_size=32</c>); an override cannot
    /// invent a model the file does not have, since a misspelt name would otherwise run a default model silently.
    /// </summary>
    public static YMap ApplySet(YMap root, string assignment, List<WorkflowProblem> problems)
    {
        var origin = $"--set {assignment}";
        var eq = assignment.IndexOf('=');
        if (eq <= 0)
        {
            problems.Add(new WorkflowProblem(origin, eq == 0 ? "(key)" : assignment, "expected key.path=value, e.g. models.lstm.hidden_size=32"));
            return root;
        }
        var path = assignment[..eq].Trim();
        var parts = path.Split('.');
        if (parts.Any(p => p.Length == 0))
        {
            problems.Add(new WorkflowProblem(origin, path, "a key path is names joined by dots, e.g. trainer.n_epochs"));
            return root;
        }
        if (parts[0] == WorkflowBinder.ProfilesKey)
        {
            problems.Add(new WorkflowProblem(origin, path, "profiles are chosen with --profile NAME, not changed with --set"));
            return root;
        }
        if (parts[0] == "models" && parts.Length > 1 && (root.Find("models")?.Value is not YMap models || models.Find(parts[1]) is null))
        {
            var have = (root.Find("models")?.Value as YMap)?.Entries.Select(e => e.Key).ToList() ?? [];
            var hint = Suggest.Closest(parts[1], have);
            problems.Add(new WorkflowProblem(origin, $"models.{parts[1]}",
                $"no model named '{parts[1]}' in this workflow{(hint is null ? "" : $" (did you mean {hint}?)")}; models: {string.Join(", ", have)}"));
            return root;
        }
        var source = new Source(origin, 0);
        var value = YamlTree.Parse(assignment[(eq + 1)..].Length == 0 ? "~" : assignment[(eq + 1)..], origin, problems, path);
        if (value is null) return root;
        value = Relabel(value, source);
        YNode overlay = value;
        for (var k = parts.Length - 1; k >= 0; k--) overlay = new YMap(source, [new YEntry(parts[k], source, overlay)]);
        // A scalar in the way of the path (trainer=3 then trainer.n_epochs) is replaced, as in any merge: the
        // binder then reports the section by its new contents.
        return Merge(root, (YMap)overlay);
    }

    /// <summary>A value parsed from an override names the override, not "line 1" of a file that does not exist.</summary>
    private static YNode Relabel(YNode node, Source source) => node switch
    {
        YScalar s => s with { Source = source },
        YSeq q => new YSeq(source, q.Items.Select(i => Relabel(i, source)).ToList()),
        YMap m => new YMap(source, m.Entries.Select(e => new YEntry(e.Key, source, Relabel(e.Value, source))).ToList()),
        _ => node,
    };
}
