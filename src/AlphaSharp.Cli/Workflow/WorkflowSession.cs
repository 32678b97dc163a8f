using System.Reflection;
using AlphaSharp.Data;
using AlphaSharp.Runs;

namespace AlphaSharp.Cli.Workflow;

/// <summary>How a workflow run is placed in the store: a shard, an explicit run id to join, or a fresh run instead of resuming.</summary>
public sealed record RunPlacement(RunShard Shard, string? RunId = null, bool Fresh = false);

/// <summary>
/// Runs a bound workflow end to end into a run store: loads its store, opens its run (the unfinished run of the same
/// configuration is resumed unless a fresh one is asked for; an explicit id is joined, as shards do), runs the units
/// of its shard, and finishes the run when no unit is left. What the CLI's <c>run</c> and <c>runs merge</c> call.
/// </summary>
public static class WorkflowSession
{
    /// <summary>The build's version: the informational version with the commit the SDK stamps on it.</summary>
    public static string CodeVersion =>
        typeof(WorkflowSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static RunDirectory Run(BoundWorkflow spec, RunStore store, RunPlacement placement, Action<string> log, Action<string>? status = null,
        DateTimeOffset? now = null, CancellationToken cancel = default)
    {
        var (data, source) = CliStores.Load(spec.Data.Store);
        var request = new RunRequest(spec.Name, spec.ResolvedText, spec.Resolved.Hash, spec.Resolved.ToJson(), CodeVersion, source,
            StoreFingerprint.Of(source), spec.Seeds.Select(s => (int)s).ToArray(), spec.Profile, spec.Overrides);
        var when = now ?? DateTimeOffset.UtcNow;
        RunDirectory run;
        if (placement.RunId is { } id) run = store.Join(id, request, when);
        else if (!placement.Fresh && store.FindResumable(spec.Name, spec.Resolved.Hash) is { } unfinished)
        {
            run = unfinished;
            log($"resuming {run.Id} (same configuration, not finished; --new starts another run)");
        }
        else run = store.Create(request, when);
        if (run.Manifest.DataFingerprint != request.DataFingerprint)
            throw new Common.InputException($"{run.Path}: this run read a store with fingerprint {run.Manifest.DataFingerprint[..12]}, " +
                                            $"{source} now has {request.DataFingerprint[..12]}; a run never mixes data, start a new one (--new)");
        log($"run {run.Id} in {run.Path}");
        int pending;
        if (spec is RlWorkflowSpec agents)
        {
            new RlRunner(agents, data, log, status).RunUnits(run, placement.Shard, cancel);
            pending = RlFinisher.Pending(agents, run).Count;
            if (pending == 0) RlFinisher.Finish(agents, data, run, log);
        }
        else
        {
            var models = (WorkflowSpec)spec;
            new WorkflowRunner(models, data, log, status).RunUnits(run, placement.Shard, cancel);
            pending = WorkflowFinisher.Pending(models, run).Count;
            if (pending == 0) WorkflowFinisher.Finish(models, data, run, Coverage(models, data), log);
        }
        if (pending > 0) log($"{pending} units are left to other shards; the last shard to end finishes the run, or `alphasharp runs merge {run.Id}` once they are done");
        return run;
    }

    /// <summary>Finishes a run from its own resolved configuration once its units are all done (the shards' merge).</summary>
    public static RunDirectory Finish(RunDirectory run, Action<string> log)
    {
        var spec = WorkflowBinder.BindAnyText(File.ReadAllText(run.File(RunDirectory.ConfigFile)), run.File(RunDirectory.ConfigFile));
        if (spec.Resolved.Hash != run.Manifest.ConfigHash)
            throw new Common.InputException($"{run.File(RunDirectory.ConfigFile)}: binds to hash {spec.Resolved.ShortHash}, the manifest says {run.Manifest.ConfigHash[..8]}; the run's files were edited");
        var (data, _) = CliStores.Load(spec.Data.Store);
        if (spec is RlWorkflowSpec agents) RlFinisher.Finish(agents, data, run, log);
        else WorkflowFinisher.Finish((WorkflowSpec)spec, data, run, Coverage((WorkflowSpec)spec, data), log);
        return run;
    }

    /// <summary>What the data could not supply, and what stands in: the report's data-coverage note.</summary>
    public static IReadOnlyList<string> Coverage(WorkflowSpec spec, MarketData data)
    {
        var notes = new List<string>();
        foreach (var f in spec.Features.Unavailable)
            notes.Add($"feature {f.Name} is not computed: {f.Reason}");
        var first = data.Calendar.First;
        var train = spec.Dataset.Segments.FirstOrDefault();
        if (train is not null && train.Start < first)
            notes.Add($"segment {train.Name} asks from {train.Start:yyyy-MM-dd}; the store starts {first:yyyy-MM-dd}, so it starts there");
        if (data.Universe is null) notes.Add("the store has no index membership: every instrument is a candidate");
        else notes.Add($"universe {data.Universe.Name}: point-in-time members only, on each date");
        if (data.Benchmark is null) notes.Add("the store has no benchmark series: excess returns are over nothing (the strategy's own)");
        notes.Add("price limits: each stock's exact limit price for its board and date (Qlib's limit_threshold 0.095 approximates it)");
        if (data.Industry.Count > 0) notes.Add("industries are a snapshot, not point-in-time");
        return notes;
    }
}
