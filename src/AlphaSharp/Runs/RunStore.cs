using System.Globalization;
using System.Text.RegularExpressions;
using AlphaSharp.Common;

namespace AlphaSharp.Runs;

/// <summary>What a new run is made of: everything its manifest and directory record before any unit runs.</summary>
public sealed record RunRequest(
    string Name,
    string ConfigText,
    string ConfigHash,
    string ParametersJson,
    string CodeVersion,
    string Store,
    string DataFingerprint,
    IReadOnlyList<int> Seeds,
    string? Profile = null,
    IReadOnlyList<string>? Overrides = null);

/// <summary>
/// The run store, a directory of runs (as MLflow's file store): each run in <c>&lt;time&gt;-&lt;name&gt;-&lt;short hash&gt;/</c>.
/// A run never overwrites another: a new run claims its directory by one rename, and two runs created in the same
/// second with the same name and configuration get <c>-2</c>, <c>-3</c>... A run that did not finish is resumed by
/// the next run of the same name and configuration (<see cref="FindResumable"/>), or joined by its id (<see cref="Join"/>),
/// which is how the shards of one workflow share a directory.
/// </summary>
public sealed partial class RunStore(string root)
{
    public const int ShortHashLength = 8;

    public string Root { get; } = Path.GetFullPath(root);

    public static string IdOf(DateTimeOffset created, string name, string hash) =>
        $"{created.ToUniversalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{name}-{hash[..Math.Min(ShortHashLength, hash.Length)]}";

    /// <summary>Creates a new run's directory (never an existing one) and returns it.</summary>
    public RunDirectory Create(RunRequest request, DateTimeOffset now)
    {
        CheckName(request.Name);
        var id = IdOf(now, request.Name, request.ConfigHash);
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? id : $"{id}-{n.ToString(CultureInfo.InvariantCulture)}";
            if (TryClaim(candidate, request, now) is { } run) return run;
        }
    }

    /// <summary>
    /// The run with id <paramref name="id"/>: created if absent, joined if it exists with the same configuration hash;
    /// an existing run of another configuration is an error (shards of different workflows must never mix).
    /// </summary>
    public RunDirectory Join(string id, RunRequest request, DateTimeOffset now)
    {
        CheckName(request.Name);
        if (!IdPattern().IsMatch(id)) throw new SettingException($"{new SettingName("run_id")} '{id}': use letters, digits, '-', '_' and '.' only");
        var run = TryClaim(id, request, now) ?? new RunDirectory(Path.Combine(Root, id));
        var manifest = run.Manifest;
        if (manifest.ConfigHash != request.ConfigHash)
            throw new InputException($"{run.Path}: run {id} holds configuration {manifest.ConfigHash[..ShortHashLength]}, not this one " +
                                     $"({request.ConfigHash[..ShortHashLength]}); shards must run the same resolved workflow");
        return run;
    }

    /// <summary>The newest unfinished run of this name and configuration hash, or null.</summary>
    public RunDirectory? FindResumable(string name, string configHash) =>
        List().Runs.Where(r => r.Manifest is { IsFinished: false } m && m.Name == name && m.ConfigHash == configHash)
            .OrderByDescending(r => r.Manifest.Created).ThenByDescending(r => r.Id, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Every run, oldest first, and the folders under the root that are not runs (reported, never hidden).</summary>
    public (IReadOnlyList<RunDirectory> Runs, IReadOnlyList<string> NotRuns) List()
    {
        if (!Directory.Exists(Root)) return ([], []);
        var runs = new List<(RunDirectory Run, RunManifest Manifest)>();
        var others = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(dir).StartsWith('.')) continue; // a claim being made (see TryClaim)
            if (File.Exists(Path.Combine(dir, RunManifest.FileName)))
            {
                var run = new RunDirectory(dir);
                runs.Add((run, run.Manifest));
            }
            else others.Add(dir);
        }
        return (runs.OrderBy(r => r.Manifest.Created).ThenBy(r => r.Run.Id, StringComparer.Ordinal).Select(r => r.Run).ToArray(), others);
    }

    /// <summary>
    /// A run by a run directory's path, its id, a prefix of its id or its name (the newest of that name); an unknown
    /// or ambiguous reference is an error listing what it could mean.
    /// </summary>
    public RunDirectory Open(string reference)
    {
        if (Directory.Exists(reference) && File.Exists(Path.Combine(reference, RunManifest.FileName))) return new RunDirectory(reference);
        var runs = List().Runs;
        var exact = runs.FirstOrDefault(r => r.Id == reference);
        if (exact is not null) return exact;
        var prefixed = runs.Where(r => r.Id.StartsWith(reference, StringComparison.Ordinal)).ToArray();
        if (prefixed.Length == 1) return prefixed[0];
        if (prefixed.Length > 1)
            throw new InputException($"run '{reference}' is ambiguous in {Root}: {string.Join(", ", prefixed.Select(r => r.Id))}");
        var named = runs.Where(r => r.Manifest.Name == reference).ToArray();
        if (named.Length > 0) return named[^1];
        throw new InputException(runs.Count == 0
            ? $"run '{reference}': {Root} holds no run"
            : $"run '{reference}': no run of that id or name in {Root} (newest: {runs[^1].Id})");
    }

    private RunDirectory? TryClaim(string id, RunRequest request, DateTimeOffset now)
    {
        var target = Path.Combine(Root, id);
        if (Directory.Exists(target)) return null;
        Directory.CreateDirectory(Root);
        // Written whole under a hidden name, then renamed: a run's directory appears with its manifest or not at all,
        // and of two processes claiming one id only one rename succeeds.
        var staging = Path.Combine(Root, $".{id}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = new RunManifest(id, request.Name, now, request.ConfigHash, request.CodeVersion, request.Store, request.DataFingerprint,
                request.Seeds, request.Profile, request.Overrides ?? [], RunManifest.Running);
            File.WriteAllText(Path.Combine(staging, RunDirectory.ConfigFile), request.ConfigText);
            File.WriteAllText(Path.Combine(staging, RunDirectory.ParametersFile), request.ParametersJson);
            File.WriteAllText(Path.Combine(staging, RunManifest.FileName), manifest.ToJson());
            Directory.Move(staging, target);
            return new RunDirectory(target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(staging, recursive: true);
            return null;
        }
    }

    private static void CheckName(string name)
    {
        if (!IdPattern().IsMatch(name)) throw new SettingException($"{new SettingName("name")} '{name}': use letters, digits, '-', '_' and '.' only");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
    private static partial Regex IdPattern();
}
