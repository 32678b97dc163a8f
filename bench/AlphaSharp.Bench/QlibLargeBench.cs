using System.Diagnostics;
using System.Globalization;
using AlphaSharp.Data.Qlib;

namespace AlphaSharp.Bench;

/// <summary>
/// `data qlib-large`: writes a synthetic Qlib dump_bin tree the size of the full public A-share tree (7,200 folders x
/// 3,966 days x 7 fields, folders in mixed case, late listings, an index series, bonus-issue factor jumps with raw
/// share volume) to a temporary folder, then times QlibImporter on it and reports peak RSS and GC heap. Options:
/// --save (also time MarketStore.Save of the import, as `data import --qlib` does), --instruments N, --days N, --repeat N (default 1; a later run's peak RSS includes the heap the GC kept from the one before), --dir DIR (kept; default a temporary folder, deleted).
/// Target on a 2-core machine: at most 30 s and 2 GB peak.
/// </summary>
public static class QlibLargeBench
{
    private static readonly string[] Fields = ["open", "high", "low", "close", "volume", "factor", "change"];

    public static int Run(string[] args)
    {
        var n = int.Parse(BenchArgs.Value(args, "--instruments") ?? "7200", CultureInfo.InvariantCulture);
        var days = int.Parse(BenchArgs.Value(args, "--days") ?? "3966", CultureInfo.InvariantCulture);
        var repeat = int.Parse(BenchArgs.Value(args, "--repeat") ?? "1", CultureInfo.InvariantCulture);
        var keep = BenchArgs.Value(args, "--dir");
        var root = keep ?? Path.Combine(Path.GetTempPath(), "alphasharp-qlib-large-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sw = Stopwatch.StartNew();
            if (!File.Exists(Path.Combine(root, "instruments", "all.txt"))) Generate(root, n, days);
            Console.WriteLine($"qlib-large: {n} folders x {days} days x {Fields.Length} fields at {root} ({sw.Elapsed.TotalSeconds:F1} s to write or find), " +
                              $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
            for (var r = 0; r < repeat; r++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                ResetPeakRss();
                var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
                var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                sw.Restart();
                var import = QlibImporter.Read(root);
                var wall = sw.Elapsed.TotalSeconds;
                process.Refresh();
                var p = import.Data.Panel;
                var info = GC.GetGCMemoryInfo();
                Console.WriteLine($"  import {r + 1}: {wall:F2} s wall, CPU {(process.TotalProcessorTime - cpu0).TotalSeconds:F2} s; {p.N} stocks x {p.T} days, " +
                                  $"benchmark {import.Data.Benchmark?.Symbol ?? "none"}, {import.Findings.Count} finding(s); peak RSS {Memory.PeakRssMb():F0} MB, " +
                                  $"GC heap {info.HeapSizeBytes / 1e6:F0} MB (peak committed {info.TotalCommittedBytes / 1e6:F0} MB), " +
                                  $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated0) / 1e6:F0} MB");
                foreach (var line in import.Data.Provenance) Console.WriteLine("    " + line);
                var total = wall;
                if (args.Contains("--save"))
                {
                    // `data import --qlib` is the import and the store's save: the target is for both together.
                    var store = root.TrimEnd('/') + "-store-" + r;
                    var cpu1 = process.TotalProcessorTime;
                    sw.Restart();
                    AlphaSharp.Data.MarketStore.Save(import.Data, store);
                    process.Refresh();
                    total += sw.Elapsed.TotalSeconds;
                    var size = new DirectoryInfo(store).EnumerateFiles().Sum(f => f.Length);
                    Console.WriteLine($"  save {r + 1}: {sw.Elapsed.TotalSeconds:F2} s wall, CPU {(process.TotalProcessorTime - cpu1).TotalSeconds:F2} s, " +
                                      $"store {size / 1e6:F0} MB; import + save: {total:F2} s, peak RSS {Memory.PeakRssMb():F0} MB");
                    Directory.Delete(store, recursive: true);
                }
                if (r == repeat - 1)
                    Console.WriteLine($"target ({(args.Contains("--save") ? "import + save" : "import")}): <= 30 s and <= 2048 MB peak: " +
                                      $"{(total <= 30 && Memory.PeakRssMb() <= 2048 ? "met" : "MISSED")} (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
            }
        }
        finally
        {
            if (keep is null && Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
        return 0;
    }

    private static void Generate(string root, int n, int days)
    {
        var calendar = new List<DateOnly>();
        for (var d = new DateOnly(2008, 1, 2); calendar.Count < days; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) calendar.Add(d);
        Directory.CreateDirectory(Path.Combine(root, "calendars"));
        Directory.CreateDirectory(Path.Combine(root, "instruments"));
        File.WriteAllLines(Path.Combine(root, "calendars", "day.txt"), calendar.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var symbols = new List<string> { "SH000300" };
        for (var k = 0; symbols.Count < n; k++) symbols.Add(k % 2 == 0 ? $"SH{600000 + k:D6}" : $"SZ{k:D6}");
        var lines = new string[symbols.Count];
        var rng = new Random(7);
        var values = new float[Fields.Length][];
        for (var f = 0; f < values.Length; f++) values[f] = new float[days];
        for (var s = 0; s < symbols.Count; s++)
        {
            // A third list late; the newest listings come in lower case, as in the public tree.
            var start = s % 3 == 0 && s > 0 ? rng.Next(days - 100) : 0;
            var folder = Path.Combine(root, "features", s % 5 == 0 ? symbols[s].ToLowerInvariant() : symbols[s]);
            Directory.CreateDirectory(folder);
            double raw = 5 + 50 * rng.NextDouble(), factor = 1, shares = 1e6 * (1 + 9 * rng.NextDouble());
            for (var t = start; t < days; t++)
            {
                // Bonus issues: the factor jumps and so do raw prices (down) and raw share volume (up).
                if (s > 0 && rng.NextDouble() < 0.002) { var r = 1.5; factor *= r; raw /= r; shares *= r; }
                var prev = raw * factor;
                raw *= 1 + 0.04 * (rng.NextDouble() - 0.5);
                var k = t - start;
                values[0][k] = (float)(raw * factor * (1 + 0.005 * (rng.NextDouble() - 0.5)));
                values[1][k] = (float)(raw * factor * 1.01);
                values[2][k] = (float)(raw * factor * 0.99);
                values[3][k] = (float)(raw * factor);
                values[4][k] = (float)Math.Round(shares * (0.5 + rng.NextDouble()));
                values[5][k] = (float)factor;
                values[6][k] = (float)(raw * factor / prev - 1);
            }
            for (var f = 0; f < Fields.Length; f++)
                QlibBinFile.Write(Path.Combine(folder, Fields[f] + ".day.bin"), start, values[f].AsSpan(0, days - start));
            lines[s] = $"{symbols[s]}\t{calendar[start]:yyyy-MM-dd}\t{calendar[^1]:yyyy-MM-dd}";
        }
        File.WriteAllLines(Path.Combine(root, "instruments", "all.txt"), lines);
    }

    /// <summary>Linux: writing 5 to clear_refs resets VmHWM, so the peak is the import's, not the generator's.</summary>
    private static void ResetPeakRss()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

}
