using AlphaSharp.Common;
using AlphaSharp.Models.Experiments;
using AlphaSharp.Models.Tests.Support;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Tests.Experiments;

public class BenchmarkJournalTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), "alphasharp-journal-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void FitsSurviveAReopenWithCommasAndQuotesInTheirSettings()
    {
        var dir = TempDir();
        var a = new BenchmarkFit("lstm", 1, "hidden 64, \"quoted\", lr 1e-3", 0.0233, 0.1633, 0.0394, 0.2828, 8, 1, 206.5);
        var b = new BenchmarkFit("gru", 2, "plain", -0.001, double.NaN, 0.04, 0.3, 3, 2, 77);
        var journal = BenchmarkJournal.Open(dir);
        journal.Add(a);
        journal.Add(b);
        var reopened = BenchmarkJournal.Open(dir);
        Assert.Equal([a, b], reopened.Fits);
        Assert.Equal(a, reopened.Find("lstm", 1, a.Settings));
        Assert.Null(reopened.Find("lstm", 1, "hidden 64"));
        Assert.Null(reopened.Find("lstm", 2, a.Settings));
    }

    [Fact]
    public void ARefitOfTheSameModelAndSeedReplacesItsRecord()
    {
        var dir = TempDir();
        var journal = BenchmarkJournal.Open(dir);
        journal.Add(new BenchmarkFit("mlp", 1, "old", 0.01, 0.1, 0.02, 0.2, 5, 2, 10));
        var refit = new BenchmarkFit("mlp", 1, "new", 0.03, 0.3, 0.04, 0.4, 6, 3, 12);
        journal.Add(refit);
        Assert.Equal([refit], BenchmarkJournal.Open(dir).Fits);
    }

    [Fact]
    public void AFileThatIsNoJournalIsNamedWithItsLine()
    {
        var dir = TempDir();
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "fits.csv"), "date,score\n2020-01-01,1\n");
        var e = Assert.Throws<InputException>(() => BenchmarkJournal.Open(dir));
        Assert.StartsWith($"{Path.Combine(dir, "fits.csv")}:1: not a benchmark journal", e.Message);

        var header = "model,seed,ic,icir,rank_ic,rank_icir,epochs,best_epoch,seconds,settings";
        File.WriteAllText(Path.Combine(dir, "fits.csv"), $"{header}\nlstm,1,0.1,x,0.1,0.1,3,1,5,s\n");
        e = Assert.Throws<InputException>(() => BenchmarkJournal.Open(dir));
        Assert.Equal($"{Path.Combine(dir, "fits.csv")}:2: icir 'x' is not a number", e.Message);
    }

    [Fact]
    public void ARunWhoseFitsAreAllRecordedFitsNothingAndAveragesTheRecords()
    {
        // The synthetic market has no 2011-2020 days: a fit attempted on it would fail in resolving the segments, so
        // passing shows the run took every figure from the journal.
        var data = new SyntheticMarket(seed: 3).Data;
        var options = new BenchmarkOptions(MaxEpochs: 4, Stop: StopMetric.Ic, Patience: 2);
        var journal = BenchmarkJournal.Open(TempDir());
        var (_, linearSettings) = QlibBenchmark.Create("linear", 1, options);
        journal.Add(new BenchmarkFit("linear", 1, linearSettings, 0.03, 0.25, 0.05, 0.35, 1, 1, 100));
        double[] rankIcs = [0.040, 0.044, 0.036];
        for (var seed = 1; seed <= 3; seed++)
        {
            var (_, settings) = QlibBenchmark.Create("gru", (ulong)seed, options);
            journal.Add(new BenchmarkFit("gru", seed, settings, 0.02, 0.15, rankIcs[seed - 1], 0.3, 4, 2, 10 * seed));
        }
        var lines = new List<string>();
        var rows = QlibBenchmark.Run(data, ["linear", "gru"], 3, options, lines.Add, journal);

        Assert.Equal(4, lines.Count(l => l.Contains("not refitted")));
        var linear = rows[0];
        Assert.Equal(("linear", 1, 0.05, 0.0, 100.0), (linear.Model, linear.Seeds, linear.RankIc, linear.RankIcStd, linear.Seconds));
        var gru = rows[1];
        Assert.Equal(3, gru.Seeds);
        Assert.Equal(0.040, gru.RankIc, 12);
        Assert.Equal(0.004, gru.RankIcStd, 12); // sample std of 0.040, 0.044, 0.036
        Assert.Equal(60, gru.Seconds, 12);
        Assert.Contains("stop on valid ic", gru.Settings);
        Assert.Contains("early stop 2", gru.Settings);
    }

    [Fact]
    public void ChangingTheStoppingRuleChangesTheSettingsSoTheFitIsRedone()
    {
        var (_, qlib) = QlibBenchmark.Create("lstm", 1, new BenchmarkOptions(MaxEpochs: 8));
        var (_, byIc) = QlibBenchmark.Create("lstm", 1, new BenchmarkOptions(MaxEpochs: 8, Stop: StopMetric.Ic));
        var (_, patient) = QlibBenchmark.Create("lstm", 1, new BenchmarkOptions(MaxEpochs: 8, Patience: 3));
        Assert.Contains("stop on valid loss", qlib);
        Assert.Contains("early stop 10", qlib);
        Assert.Equal(3, new[] { qlib, byIc, patient }.Distinct().Count());
    }
}
