using System.Globalization;
using AlphaSharp.Common;

namespace AlphaSharp.Models.Experiments;

/// <summary>One fit of the benchmark: a model, a seed and its settings, and its test-period figures.</summary>
public sealed record BenchmarkFit(string Model, int Seed, string Settings, double Ic, double IcIr, double RankIc, double RankIcIr,
    int Epochs, int BestEpoch, double Seconds);

/// <summary>
/// The fits a benchmark run has finished, kept in <c>fits.csv</c> of its directory and rewritten atomically after
/// each fit, so a stopped run started again on the same directory skips what it has done. A fit counts as done only
/// under the same model, seed and settings text (the settings name every hyperparameter and the stopping rule), so
/// changing a setting refits. Each unfinished network fit keeps its trainer checkpoints under <c>fits/</c>, so a fit
/// killed mid-way resumes from its last epoch.
/// </summary>
public sealed class BenchmarkJournal
{
    private static readonly string[] Header = ["model", "seed", "ic", "icir", "rank_ic", "rank_icir", "epochs", "best_epoch", "seconds", "settings"];
    private readonly List<BenchmarkFit> _fits;

    private BenchmarkJournal(string directory, List<BenchmarkFit> fits)
    {
        Directory = directory;
        _fits = fits;
    }

    public string Directory { get; }
    public IReadOnlyList<BenchmarkFit> Fits => _fits;
    private string FilePath => Path.Combine(Directory, "fits.csv");

    /// <summary>The journal of <paramref name="directory"/> (created when missing; an existing fits.csv is read).</summary>
    public static BenchmarkJournal Open(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "fits.csv");
        return new BenchmarkJournal(directory, File.Exists(path) ? Read(path) : []);
    }

    public BenchmarkFit? Find(string model, int seed, string settings) =>
        _fits.FirstOrDefault(f => f.Model == model && f.Seed == seed && f.Settings == settings);

    /// <summary>Where the trainer of this fit keeps its checkpoints.</summary>
    public string FitDirectory(string model, int seed) => Path.Combine(Directory, "fits", $"{model}-seed{seed}");

    public void Add(BenchmarkFit fit)
    {
        _fits.RemoveAll(f => f.Model == fit.Model && f.Seed == fit.Seed);
        _fits.Add(fit);
        static string N(double v) => CsvTable.Number(v);
        CsvTable.Write(FilePath, Header, _fits.Select(f => (IReadOnlyList<string>)[f.Model, I(f.Seed), N(f.Ic), N(f.IcIr), N(f.RankIc), N(f.RankIcIr),
            I(f.Epochs), I(f.BestEpoch), N(f.Seconds), f.Settings]));
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static List<BenchmarkFit> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != string.Join(",", Header))
            throw new InputException($"{path}:1: not a benchmark journal (expected the header {string.Join(",", Header)})");
        var fits = new List<BenchmarkFit>();
        for (var k = 1; k < lines.Length; k++)
        {
            if (lines[k].Length == 0) continue;
            // The settings are the last field and the only one that may hold commas (CsvTable quotes it then).
            var parts = lines[k].Split(',', Header.Length);
            if (parts.Length != Header.Length) throw new InputException($"{path}:{k + 1}: {parts.Length} fields, expected {Header.Length}");
            double D(int i) => parts[i].Length == 0 ? double.NaN : double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v : throw new InputException($"{path}:{k + 1}: {Header[i]} '{parts[i]}' is not a number");
            int Int(int i) => int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v : throw new InputException($"{path}:{k + 1}: {Header[i]} '{parts[i]}' is not a whole number");
            var settings = parts[9];
            if (settings.Length >= 2 && settings[0] == '"' && settings[^1] == '"') settings = settings[1..^1].Replace("\"\"", "\"");
            fits.Add(new BenchmarkFit(parts[0], Int(1), settings, D(2), D(3), D(4), D(5), Int(6), Int(7), D(8)));
        }
        return fits;
    }
}
