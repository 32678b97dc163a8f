namespace AlphaSharp.Common;

/// <summary>
/// A reference to a setting (topk, horizons, n_drop, ...) inside a <see cref="SettingException"/> message. The library
/// writes the setting's own name; a front end (the CLI's flags, a YAML file's keys) renders it in its own words.
/// </summary>
public readonly record struct SettingName(string Name)
{
    public override string ToString() => Name;
}
