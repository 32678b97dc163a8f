using System.Globalization;
using AlphaSharp.Data;
using Calendar = AlphaSharp.Data.Calendar;

namespace AlphaSharp.Tests.Factors;

/// <summary>
/// The small panel and the pandas/scipy reference values of tests/fixtures/factors (make_factor_fixtures.py):
/// 6 instruments x 70 days with late listing, holes, a suspension block, a volume-0 day, a flat stretch, and
/// universe membership that changes over time.
/// </summary>
internal static class FactorFixture
{
    public const int N = 6, T = 70;
    private static readonly Lazy<MarketData> LazyData = new(Load);
    private static readonly Lazy<Dictionary<string, double[][]>> LazyExpected = new(LoadExpected);

    public static MarketData Data => LazyData.Value;
    public static IReadOnlyDictionary<string, double[][]> Expected => LazyExpected.Value;

    public static string Dir
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "tests", "fixtures", "factors");
                if (File.Exists(Path.Combine(candidate, "expected.tsv"))) return candidate;
            }
            throw new DirectoryNotFoundException($"tests/fixtures/factors not found above {AppContext.BaseDirectory}");
        }
    }

    public static Calendar Calendar { get; } = new(Enumerable.Range(0, T).Select(k => new DateOnly(2020, 1, 1).AddDays(k)));

    /// <summary>A fresh copy of the fixture data (tests may perturb it).</summary>
    public static MarketData Load()
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, "panel.csv"));
        var header = lines[0].Split(',');
        var symbols = Enumerable.Range(0, N).Select(i => $"S{i}").ToArray();
        var panel = new Panel(Calendar, symbols);
        string[] fields = ["a", "b", "open", "high", "low", "close", "volume", "amount"];
        var cols = fields.Select(f => Array.IndexOf(header, f)).ToArray();
        var values = fields.Select(f => panel.SetField(f)).ToArray();
        var member = new bool[N, T];
        var industry = new Dictionary<string, string>();
        foreach (var line in lines.Skip(1))
        {
            var p = line.Split(',');
            var i = panel.IndexOf(p[0]);
            var t = int.Parse(p[1], CultureInfo.InvariantCulture);
            member[i, t] = p[2] == "1";
            industry[p[0]] = p[3];
            for (var f = 0; f < fields.Length; f++)
                values[f][i * T + t] = p[cols[f]].Length == 0 ? float.NaN : float.Parse(p[cols[f]], CultureInfo.InvariantCulture);
        }
        var spells = new List<MembershipSpell>();
        for (var i = 0; i < N; i++)
            for (var t = 0; t < T; t++)
            {
                if (!member[i, t] || (t > 0 && member[i, t - 1])) continue;
                var end = t;
                while (end + 1 < T && member[i, end + 1]) end++;
                spells.Add(new MembershipSpell(symbols[i], Calendar[t], Calendar[end]));
            }
        return new MarketData(panel) { Universe = new Universe("fixture", Calendar, spells), Industry = industry };
    }

    private static Dictionary<string, double[][]> LoadExpected()
    {
        var result = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Dir, "expected.tsv")))
        {
            if (line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            if (!result.TryGetValue(parts[0], out var rows)) result[parts[0]] = rows = new double[N][];
            var i = int.Parse(parts[1][1..], CultureInfo.InvariantCulture);
            rows[i] = parts[2].Split(' ').Select(Parse).ToArray();
        }
        return result;
    }

    private static double Parse(string s) => s switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
