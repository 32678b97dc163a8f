using System.Globalization;
using AlphaSharp.Common;

namespace AlphaSharp.Models.Training;

/// <summary>One trial's parameter values, in the search space's order, read by name as the model factory needs them.</summary>
public sealed class TrialParameters
{
    private readonly (string Name, object Value)[] _values;

    public TrialParameters(IEnumerable<(string Name, object Value)> values) => _values = values.ToArray();

    public IReadOnlyList<string> Names => _values.Select(v => v.Name).ToArray();

    public object this[string name] =>
        _values.FirstOrDefault(v => v.Name == name).Value ?? throw new ArgumentException($"search: the space has no parameter '{name}'");

    public double Double(string name) => this[name] switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        var v => throw new SettingException($"{new SettingName(name)} {Show(v)}: not a number"),
    };

    public int Int(string name)
    {
        var v = this[name];
        if (v is int i) return i;
        if (v is long l && l is >= int.MinValue and <= int.MaxValue) return (int)l;
        if (v is double d && d == Math.Round(d) && Math.Abs(d) <= int.MaxValue) return (int)d;
        throw new SettingException($"{new SettingName(name)} {Show(v)}: not a whole number");
    }

    public string String(string name) => this[name] as string ?? throw new SettingException($"{new SettingName(name)} {Show(this[name])}: not a name");

    /// <summary>A value as the trials file writes it (invariant culture, doubles in round-trip form).</summary>
    public static string Show(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public override string ToString() => string.Join(", ", _values.Select(v => $"{v.Name}={Show(v.Value)}"));
}
