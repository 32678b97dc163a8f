using System.Globalization;

namespace AlphaSharp.Common;

/// <summary>
/// A setting with a value no run can use. The message is a template whose <see cref="SettingName"/> holes name the
/// settings involved (the first is <see cref="Setting"/>): <see cref="Exception.Message"/> names them as the library
/// does (<c>topk 0: must be at least 1</c>) and <see cref="Describe"/> lets a front end name them as its user wrote
/// them (<c>--topk 0: must be at least 1</c>). Values in the template are formatted with the invariant culture.
/// </summary>
public sealed class SettingException : InputException
{
    private readonly FormattableString _text;

    /// <param name="text">One line, e.g. <c>$"{new SettingName("topk")} {topk}: must be at least 1"</c>; at least one hole must be a <see cref="SettingName"/>.</param>
    public SettingException(FormattableString text) : base(Render(text, n => n))
    {
        _text = text;
        Settings = text.GetArguments().OfType<SettingName>().Select(s => s.Name).Distinct(StringComparer.Ordinal).ToArray();
        if (Settings.Count == 0) throw new ArgumentException("a setting error must name its setting", nameof(text));
    }

    /// <summary>The setting the error is about (the first one named).</summary>
    public string Setting => Settings[0];

    /// <summary>Every setting the message names, in order of first mention.</summary>
    public IReadOnlyList<string> Settings { get; }

    /// <summary>The message with each setting named by <paramref name="name"/> (given the library's name).</summary>
    public string Describe(Func<string, string> name) => Render(_text, name);

    private static string Render(FormattableString text, Func<string, string> name)
    {
        var args = text.GetArguments().Select(a => a is SettingName s ? name(s.Name) : a).ToArray();
        return string.Format(CultureInfo.InvariantCulture, text.Format, args);
    }
}
