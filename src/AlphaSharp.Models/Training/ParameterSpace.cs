using AlphaSharp.Common;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Training;

/// <summary>A searched parameter: a list of values (numbers or names) or a numeric range.</summary>
public abstract record SearchParameter(string Name);

public sealed record ValueList(string Name, IReadOnlyList<object> Values) : SearchParameter(Name);

/// <summary>Min..max, drawn uniformly (on the log scale when <see cref="Log"/>; whole numbers when <see cref="Integer"/>).</summary>
public sealed record ValueRange(string Name, double Min, double Max, bool Log = false, bool Integer = false) : SearchParameter(Name);

/// <summary>
/// Parameter names mapped to their values, in order. A grid takes every combination (the last parameter varying
/// fastest) and needs lists; a random search draws each parameter of each trial from a seeded generator, so the same
/// seed gives the same trials.
/// </summary>
public sealed class ParameterSpace
{
    public ParameterSpace(IEnumerable<SearchParameter> parameters)
    {
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) throw new SettingException($"{new SettingName("search")}: the parameter space is empty");
        var twice = Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new SettingException($"{new SettingName(twice.Key)}: named twice in the search space");
        foreach (var p in Parameters)
            switch (p)
            {
                case ValueList { Values.Count: 0 }:
                    throw new SettingException($"{new SettingName(p.Name)}: an empty list of values");
                case ValueRange r when !(double.IsFinite(r.Min) && double.IsFinite(r.Max) && r.Min <= r.Max):
                    throw new SettingException($"{new SettingName(p.Name)} {r.Min}..{r.Max}: not a range (finite, min <= max)");
                case ValueRange { Log: true } r when !(r.Min > 0):
                    throw new SettingException($"{new SettingName(p.Name)} {r.Min}..{r.Max}: a log range must be positive");
                case ValueRange { Integer: true } r when Math.Ceiling(r.Min) > Math.Floor(r.Max):
                    throw new SettingException($"{new SettingName(p.Name)} {r.Min}..{r.Max}: holds no whole number");
            }
    }

    public IReadOnlyList<SearchParameter> Parameters { get; }

    public IReadOnlyList<TrialParameters> Grid()
    {
        var lists = Parameters.Select(p => p as ValueList
            ?? throw new SettingException($"{new SettingName(p.Name)}: a grid search needs a list of values, not a range")).ToArray();
        var trials = new List<TrialParameters>();
        var at = new int[lists.Length];
        while (true)
        {
            trials.Add(new TrialParameters(lists.Select((l, k) => (l.Name, l.Values[at[k]]))));
            var d = lists.Length - 1;
            while (d >= 0 && ++at[d] == lists[d].Values.Count) at[d--] = 0;
            if (d < 0) return trials;
        }
    }

    public IReadOnlyList<TrialParameters> Random(int count, ulong seed)
    {
        if (count < 1) throw new SettingException($"{new SettingName("trials")} {count}: a random search needs at least 1 trial");
        var rng = new Rng(seed);
        var trials = new TrialParameters[count];
        for (var k = 0; k < count; k++) trials[k] = new TrialParameters(Parameters.Select(p => (p.Name, Draw(p, rng))).ToArray());
        return trials;
    }

    private static object Draw(SearchParameter p, Rng rng)
    {
        if (p is ValueList list) return list.Values[rng.NextInt(list.Values.Count)];
        var r = (ValueRange)p;
        if (r.Integer && !r.Log)
        {
            var low = (long)Math.Ceiling(r.Min);
            return (int)(low + rng.NextInt((int)((long)Math.Floor(r.Max) - low + 1)));
        }
        var u = rng.NextDouble();
        var x = r.Log ? Math.Exp(Math.Log(r.Min) + u * (Math.Log(r.Max) - Math.Log(r.Min))) : r.Min + u * (r.Max - r.Min);
        x = Math.Clamp(x, r.Min, r.Max);
        return r.Integer ? (int)Math.Clamp(Math.Round(x), Math.Ceiling(r.Min), Math.Floor(r.Max)) : x;
    }
}
