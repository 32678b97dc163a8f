using System.Diagnostics;

namespace AlphaSharp.Bench;

/// <summary>Command-line helpers the verbs share.</summary>
internal static class BenchArgs
{
    /// <summary>The value after <paramref name="name"/>, or null when the option is absent.</summary>
    public static string? Value(string[] args, string name)
    {
        var k = Array.IndexOf(args, name);
        return k >= 0 && k + 1 < args.Length ? args[k + 1] : null;
    }
}

/// <summary>Finds the checkout the benchmark runs from (the folder holding AlphaSharp.slnx).</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "AlphaSharp.slnx"))) return d.FullName;
        throw new DirectoryNotFoundException($"no AlphaSharp.slnx above {AppContext.BaseDirectory}");
    }

    /// <summary>The shipped store, or the one ALPHASHARP_DATA names (as the CLI does).</summary>
    public static string ShippedStore =>
        Environment.GetEnvironmentVariable("ALPHASHARP_DATA") is { Length: > 0 } env ? env : Path.Combine(Find(), "data", "cn_csi300");
}

/// <summary>
/// Runs a reference script with Debian's /usr/bin/python3 (where python3-torch and python3-pandas live) and returns
/// its stdout lines; an absent interpreter or a failing import yields no lines and a note on stderr, so the
/// AlphaSharp half of a benchmark still reports.
/// </summary>
internal static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    public static IReadOnlyList<string> RunLines(string arguments, string what, IDictionary<string, string>? env = null)
    {
        if (!File.Exists(Interpreter))
        {
            Console.Error.WriteLine($"  ({what} reference skipped: {Interpreter} not found)");
            return [];
        }
        var psi = new ProcessStartInfo(Interpreter, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Interpreter}");
        var stderr = p.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (p.StandardOutput.ReadLine() is { } line)
            if (line.StartsWith('{')) lines.Add(line);
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            var err = stderr.Result.Trim().Split('\n').LastOrDefault() ?? "";
            Console.Error.WriteLine($"  ({what} reference failed: {err})");
            return [];
        }
        return lines;
    }
}

/// <summary>This process's memory as the kernel counts it.</summary>
internal static class Memory
{
    /// <summary>Peak resident set so far (VmHWM), in MB; NaN where /proc is absent.</summary>
    public static double PeakRssMb()
    {
        if (!File.Exists("/proc/self/status")) return double.NaN;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
