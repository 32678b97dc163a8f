using System.Globalization;

namespace AlphaSharp.Cli.Tests;

/// <summary>`factor multi` (paper 001) end to end on the shipped store, and its config errors.</summary>
[Collection(CliHarness.Name)]
public class MultiFactorCommandTests
{
    [Fact]
    public void Paper001_writes_its_screening_table_quintiles_and_report()
    {
        var dir = CliHarness.TempDir();
        var r = CliHarness.Run("factor", "multi", "--config", ConfigPath(), "--out", dir);
        try
        {
            Assert.Equal(0, r.Exit);
            var screening = File.ReadAllLines(Path.Combine(dir, "screening.csv"));
            Assert.Equal("factor,horizon,mean_ic,ic_ir,mean_rank_ic,rank_ic_ir,month_ends,coverage,passes", screening[0]);
            // Five candidate factors (pb, pe, ps, float market value, momentum) at three horizons (5, 15, 30).
            var rows = screening.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(15, rows.Count);
            Assert.Equal(["15", "30", "5"], rows.Select(c => c[1]).Distinct().Order(StringComparer.Ordinal));
            // A row passes exactly when both thresholds of configs/paper001.yaml hold (|IC| > 0.02 and |IC_IR| > 0.6).
            foreach (var c in rows)
            {
                var ic = double.Parse(c[2], CultureInfo.InvariantCulture);
                var icir = double.Parse(c[3], CultureInfo.InvariantCulture);
                Assert.Equal(Math.Abs(ic) > 0.02 && Math.Abs(icir) > 0.6, bool.Parse(c[8]));
                var coverage = double.Parse(c[7], CultureInfo.InvariantCulture);
                Assert.InRange(coverage, 0, 1);
            }
            // The valuation ratios are partial in this data, and the table says so through their coverage.
            Assert.True(rows.Where(c => c[0] == "pb").All(c => double.Parse(c[7], CultureInfo.InvariantCulture) < 0.9));
            var quintiles = File.ReadAllLines(Path.Combine(dir, "quintiles.csv"));
            Assert.True(quintiles.Length > 1);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, "report.html")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_bad_config_value_names_file_and_line_and_writes_nothing()
    {
        using var files = new CliTempDir();
        var config = files.Text("bad.yaml", "factors: paper001\nhorizons: [5, 15, 30]\nmin_abs_icir: lots\n");
        var r = CliHarness.Run("factor", "multi", "--config", config, "--out", files.Path_("out"));
        Assert.Equal(2, r.Exit);
        Assert.Equal($"error: {config}:3: min_abs_icir: 'lots' is not a number", r.Err.TrimEnd());
        Assert.Equal(["bad.yaml"], files.Entries());
    }

    private static string ConfigPath()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var path = Path.Combine(d.FullName, "configs", "paper001.yaml");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("configs/paper001.yaml not found above the test binaries");
    }
}
