using System.CommandLine;
using AlphaSharp.Common;

namespace AlphaSharp.Cli;

/// <summary>
/// One command's map from library setting names (topk, n_drop, initial_cash) to the options that set them (--topk,
/// --n-drop, --cash). <see cref="CliErrors.Guard(Func{int}, SettingFlags)"/> renders a <see cref="SettingException"/>
/// through it, so the library names its settings and the user of the CLI still reads the flag to fix. A setting with
/// no flag keeps its library name.
/// </summary>
public sealed class SettingFlags
{
    private readonly Dictionary<string, string> _flags = new(StringComparer.Ordinal);

    public SettingFlags(params (string Setting, Option Option)[] flags)
    {
        foreach (var (setting, option) in flags)
            if (!_flags.TryAdd(setting, option.Name)) throw new ArgumentException($"setting {setting} is mapped twice", nameof(flags));
    }

    /// <summary>The flag of <paramref name="setting"/>, or the setting's own name where no flag sets it.</summary>
    public string Flag(string setting) => _flags.TryGetValue(setting, out var flag) ? flag : setting;

    /// <summary>The error's message with every setting it names written as its flag.</summary>
    public string Describe(SettingException e) => e.Describe(Flag);
}
