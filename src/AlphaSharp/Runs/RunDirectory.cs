using AlphaSharp.Common;

namespace AlphaSharp.Runs;

/// <summary>
/// One run's directory: <c>manifest.json</c>, the resolved configuration (<c>config.yaml</c>) and its flattened
/// parameters (<c>parameters.json</c>), a folder per unit under <c>units/</c> (predictions, training log,
/// checkpoints; <c>done.json</c> written last, so a unit without it is unfinished and runs again), and once the run is
/// finished <c>metrics.json</c> and <c>report.html</c>. Every file is written atomically, so a kill leaves each one
/// whole or absent.
/// </summary>
public sealed class RunDirectory
{
    public const string ConfigFile = "config.yaml";
    public const string ParametersFile = "parameters.json";
    public const string MetricsFile = "metrics.json";
    public const string ReportFile = "report.html";
    public const string UnitsFolder = "units";
    public const string UnitDoneFile = "done.json";

    public RunDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (!System.IO.File.Exists(System.IO.Path.Combine(Path, RunManifest.FileName)))
            throw new InputException($"{path}: not a run directory (no {RunManifest.FileName})");
    }

    public string Path { get; }
    public RunManifest Manifest => RunManifest.Read(File(RunManifest.FileName));
    public string Id => System.IO.Path.GetFileName(Path);
    public string MetricsPath => File(MetricsFile);
    public string ReportPath => File(ReportFile);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The resolved configuration's flattened keys and values, as the run was given them.</summary>
    public IReadOnlyDictionary<string, string> Parameters => FlatJson.Read(File(ParametersFile));

    /// <summary>The run's metrics, flattened (<c>lightgbm.rank_ic</c>); empty until the run is finished.</summary>
    public IReadOnlyDictionary<string, string> Metrics =>
        System.IO.File.Exists(MetricsPath) ? FlatJson.Read(MetricsPath) : new Dictionary<string, string>();

    /// <summary>The unit's folder, created if absent.</summary>
    public string UnitDirectory(RunUnit unit)
    {
        var dir = System.IO.Path.Combine(Path, UnitsFolder, unit.DirectoryName);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public bool IsDone(RunUnit unit) => System.IO.File.Exists(System.IO.Path.Combine(Path, UnitsFolder, unit.DirectoryName, UnitDoneFile));

    /// <summary>Marks the unit finished, last, after everything it wrote: <paramref name="summaryJson"/> is its figures.</summary>
    public void MarkDone(RunUnit unit, string summaryJson) => AtomicFile.WriteAllText(System.IO.Path.Combine(UnitDirectory(unit), UnitDoneFile), summaryJson);

    /// <summary>Writes the run's metrics and report and marks it finished (the manifest last).</summary>
    public void Finish(string metricsJson, string? reportHtml)
    {
        AtomicFile.WriteAllText(MetricsPath, metricsJson);
        if (reportHtml is not null) AtomicFile.WriteAllText(ReportPath, reportHtml);
        AtomicFile.WriteAllText(File(RunManifest.FileName), (Manifest with { Status = RunManifest.Finished }).ToJson());
    }
}
