using System.Diagnostics;
using System.Text.Json;
using AlphaSharp.Common;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Ensembles;

/// <summary>
/// K models of one configuration with seeds s..s+K-1 (<c>seed</c>, <c>seeds</c>), fitted one after another on the same
/// data; the ensemble's score of a sample is the mean of its members' scores. With a validation segment the fit
/// reports each member's validation loss and IC beside the ensemble's (<see cref="Report"/>, and <c>seeds.csv</c> in
/// the fit's directory). Saved as one folder per member (<c>seed-s/</c>) and <c>ensemble.json</c>.
/// </summary>
public sealed class SeedEnsemble : IModel
{
    public const string ConfigFile = "ensemble.json";
    public const string ReportFile = "seeds.csv";

    /// <param name="member">A fresh model of the configuration with the given seed.</param>
    public SeedEnsemble(Func<ulong, IModel> member, ulong firstSeed, int count)
    {
        if (count < 1) throw new SettingException($"{new SettingName("seeds")} {count}: an ensemble needs at least 1 member");
        Seeds = Enumerable.Range(0, count).Select(k => firstSeed + (ulong)k).ToArray();
        Members = Seeds.Select(member).ToArray();
        if (Members.Any(m => m.Input != Members[0].Input || m.Kind != Members[0].Kind))
            throw new ArgumentException("ensemble: members of one configuration must share their kind and input");
    }

    private SeedEnsemble(IReadOnlyList<ulong> seeds, IReadOnlyList<IModel> members)
    {
        Seeds = seeds;
        Members = members;
    }

    public IReadOnlyList<ulong> Seeds { get; }
    public IReadOnlyList<IModel> Members { get; }
    public string Kind => Members[0].Kind;
    public ModelInput Input => Members[0].Input;

    /// <summary>The last fit's validation figures (null before a fit, or after one without validation).</summary>
    public EnsembleReport? Report { get; private set; }

    /// <summary>
    /// Fits every member (checkpoints of member s under <c>seed-s/</c> of the context's directory). The report's epochs
    /// are the members' summed, its best epoch 0 (no single epoch is kept) and its best score the ensemble's
    /// validation figure by the first member's metric.
    /// </summary>
    public FitReport Fit(ModelData train, ModelData? valid, FitContext context)
    {
        var clock = Stopwatch.StartNew();
        var fits = new List<FitReport>();
        for (var k = 0; k < Members.Count; k++)
        {
            context.Cancel.ThrowIfCancellationRequested();
            var directory = context.Directory is null ? null : Path.Combine(context.Directory, MemberFolder(Seeds[k]));
            fits.Add(Members[k].Fit(train, valid, context with { Directory = directory }));
        }
        var metric = fits[0].Metric;
        Report = null;
        if (valid is null) return new FitReport(fits.Sum(f => f.Epochs), 0, double.NaN, metric, [], clock.Elapsed);

        var memberScores = Members.Select(m => m.Predict(valid)).ToArray();
        var seeds = new List<SeedScore>();
        for (var k = 0; k < Members.Count; k++)
        {
            var v = ValidationMetrics.Of(valid, memberScores[k]);
            seeds.Add(new SeedScore(Seeds[k], v.Loss, v.Ic, fits[k].Epochs, fits[k].BestEpoch));
        }
        var mean = ValidationMetrics.Of(valid, Mean(memberScores));
        Report = new EnsembleReport(seeds, mean.Loss, mean.Ic);
        if (context.Directory is not null) WriteReport(Path.Combine(context.Directory, ReportFile), Report);
        var best = metric == "loss" ? mean.Loss : mean.Ic;
        return new FitReport(fits.Sum(f => f.Epochs), 0, best, metric, [], clock.Elapsed);
    }

    /// <summary>The mean of the members' scores, summed in seed order in double precision.</summary>
    public float[] Predict(ModelData data) => Mean(Members.Select(m => m.Predict(data)).ToArray());

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        for (var k = 0; k < Members.Count; k++) Members[k].Save(Path.Combine(directory, MemberFolder(Seeds[k])));
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), JsonSerializer.Serialize(new Saved(Kind, Seeds.ToArray())));
    }

    /// <summary>A saved ensemble, each member read back by <paramref name="loadMember"/> from its folder.</summary>
    public static SeedEnsemble Load(string directory, Func<string, IModel> loadMember)
    {
        var path = Path.Combine(directory, ConfigFile);
        if (!File.Exists(path)) throw new InputException($"{path}: not found; not a saved seed ensemble");
        Saved saved;
        try
        {
            saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(path)) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not an ensemble config ({e.Message})");
        }
        if (saved.Seeds.Length == 0) throw new InputException($"{path}: lists no member seed");
        return new SeedEnsemble(saved.Seeds, saved.Seeds.Select(s => loadMember(Path.Combine(directory, MemberFolder(s)))).ToArray());
    }

    public static string MemberFolder(ulong seed) => $"seed-{seed}";

    private static float[] Mean(float[][] scores)
    {
        var mean = new float[scores[0].Length];
        for (var j = 0; j < mean.Length; j++)
        {
            double sum = 0;
            foreach (var s in scores) sum += s[j];
            mean[j] = (float)(sum / scores.Length);
        }
        return mean;
    }

    private static void WriteReport(string path, EnsembleReport report) =>
        CsvTable.Write(path, ["seed", "valid_loss", "valid_ic", "epochs", "best_epoch"],
            report.Members.Select(m => (IReadOnlyList<string>)[m.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), CsvTable.Number(m.ValidLoss), CsvTable.Number(m.ValidIc),
                    m.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), m.BestEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                .Append(["ensemble", CsvTable.Number(report.ValidLoss), CsvTable.Number(report.ValidIc), "", ""]));

    private sealed record Saved(string Kind, ulong[] Seeds);
}
