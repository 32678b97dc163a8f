using AlphaSharp.Common;

namespace AlphaSharp.Runs;

/// <summary>Copies the finished units of one copy of a run into another, for shards that ran in directories of their own.</summary>
public static class RunMerge
{
    public static int CopyUnits(RunDirectory from, RunDirectory into, Action<string>? log = null)
    {
        if (from.Manifest.ConfigHash != into.Manifest.ConfigHash)
            throw new InputException($"{from.Path}: holds configuration {from.Manifest.ConfigHash[..8]}, {into.Id} holds {into.Manifest.ConfigHash[..8]}; only shards of one workflow merge");
        if (from.Manifest.DataFingerprint != into.Manifest.DataFingerprint)
            throw new InputException($"{from.Path}: ran on data {from.Manifest.DataFingerprint[..12]}, {into.Id} on {into.Manifest.DataFingerprint[..12]}; shards must read the same store");
        var units = Path.Combine(from.Path, RunDirectory.UnitsFolder);
        if (!Directory.Exists(units)) return 0;
        var copied = 0;
        foreach (var unit in Directory.EnumerateDirectories(units).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(unit, RunDirectory.UnitDoneFile))) continue; // unfinished there: it runs again where it is missing
            var target = Path.Combine(into.Path, RunDirectory.UnitsFolder, Path.GetFileName(unit));
            if (File.Exists(Path.Combine(target, RunDirectory.UnitDoneFile))) continue;
            // Staged beside the target and renamed, so a kill never leaves a half-copied unit that looks done.
            var staging = target + ".merging";
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            Copy(unit, staging);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(staging, target);
            copied++;
        }
        log?.Invoke($"{from.Path}: {copied} units copied into {into.Id}");
        return copied;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
