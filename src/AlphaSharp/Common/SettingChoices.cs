namespace AlphaSharp.Common;

/// <summary>
/// The names a setting of kind <typeparamref name="T"/> may take (an enum, a boolean), kept beside the setting's owner
/// so that a front end lists, parses and shows defaults from one table.
/// </summary>
public sealed class SettingChoices<T>(params (string Name, T Value)[] choices) where T : notnull
{
    /// <summary>The names, in the table's order.</summary>
    public IReadOnlyList<string> Names { get; } = choices.Select(c => c.Name).ToArray();

    /// <summary>The value named <paramref name="text"/> (exact, lower case as listed).</summary>
    public T Parse(string setting, string text)
    {
        foreach (var (name, value) in choices)
            if (name == text) return value;
        throw new SettingException($"{new SettingName(setting)}: '{text}' is not {Alternatives()}");
    }

    /// <summary>The name of <paramref name="value"/>, e.g. for a command-line default.</summary>
    public string NameOf(T value)
    {
        foreach (var (name, v) in choices)
            if (EqualityComparer<T>.Default.Equals(v, value)) return name;
        throw new ArgumentException($"{value} has no name in this table", nameof(value));
    }

    private string Alternatives() => Names.Count == 1 ? Names[0] : $"{string.Join(", ", Names.Take(Names.Count - 1))} or {Names[^1]}";
}
