using AlphaSharp.Backtest;
using AlphaSharp.Common;
using AlphaSharp.Models.Tests.Support;
using AlphaSharp.Models.WalkForward;

namespace AlphaSharp.Models.Tests.WalkForward;

/// <summary>The stitched out-of-sample table, its freedom from look-ahead, and resuming a study.</summary>
public class WalkForwardRunnerTests
{
    [Fact]
    public void EveryOutOfSampleDayIsPredictedByExactlyOneWindowOutsideItsOwnFittingSpans()
    {
        var market = WalkForwardFixture.Market();
        var ds = WalkForwardFixture.Dataset(market.Data);
        var dir = WalkForwardFixture.TempDirectory();
        try
        {
            var result = new WalkForwardRunner(ds, WalkForwardFixture.Options()).Run(WalkForwardFixture.Mlp, dir);
            Assert.Equal(3, result.Windows.Count);
            var (T, N) = (ds.Cube.T, ds.Cube.N);
            var owners = new int[T * N];
            foreach (var outcome in result.Windows)
            {
                var w = outcome.Window;
                Assert.False(outcome.Resumed);
                Assert.True(File.Exists(Path.Combine(dir, w.FolderName, "window.json")));
                // What the window wrote is its own test block, never a day it fitted or validated on.
                foreach (var line in File.ReadLines(Path.Combine(dir, w.FolderName, "predictions.csv")).Skip(1))
                {
                    var t = ds.Cube.Calendar.IndexOf(DateOnly.Parse(line.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
                    var i = ds.Cube.Symbols.ToList().IndexOf(line.Split(',')[1]);
                    Assert.True(w.Test.Contains(t) && !w.Train.Contains(t) && !w.Valid!.Contains(t));
                    owners[t * N + i]++;
                }
            }
            var members = market.Members;
            var testDays = result.Windows.SelectMany(o => Enumerable.Range(o.Window.Test.First, o.Window.Test.Days)).ToHashSet();
            for (var t = 0; t < T; t++)
                for (var i = 0; i < N; i++)
                {
                    var scored = !float.IsNaN(result.Scores.At(t, i));
                    var expected = testDays.Contains(t) && members[i * T + t];
                    Assert.True(expected == scored, $"day {t} instrument {i}: scored {scored}, expected {expected}");
                    Assert.Equal(expected ? 1 : 0, owners[t * N + i]);
                }
            // The stitched table is what a backtest reads.
            var table = new ScoreTable(MarketView.From(market.Data), result.Scores);
            Assert.Equal(result.Windows[0].Window.Test.First, table.FirstDay);
            Assert.Equal(testDays.Where(t => Enumerable.Range(0, N).Any(i => members[i * T + t])).Max(), table.LastDay);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)] // training runs up to the test block: its labels' reach is what the purge must cut
    public void PerturbingTheMarketAfterDayTLeavesEveryPredictionUpToTUnchanged(int validMonths)
    {
        var market = WalkForwardFixture.Market();
        var options = WalkForwardFixture.Options() with { ValidMonths = validMonths };
        var original = WalkForwardFixture.Dataset(market.Data);
        // The second block's first day: an unpurged span before it would read labels from the day after it.
        var t = new WalkForwardRunner(original, options).Plan()[1].Test.First;
        var perturbed = WalkForwardFixture.Dataset(MarketPerturbation.After(market.Data, t, seed: 99));
        var (a, b) = (WalkForwardFixture.TempDirectory(), WalkForwardFixture.TempDirectory());
        try
        {
            var before = new WalkForwardRunner(original, options).Run(WalkForwardFixture.Mlp, a).Scores;
            var after = new WalkForwardRunner(perturbed, options).Run(WalkForwardFixture.Mlp, b).Scores;
            var n = original.Cube.N;
            var known = (t + 1) * n;
            Assert.Equal(before.Values.AsSpan(0, known).ToArray(), after.Values.AsSpan(0, known).ToArray());
            Assert.Contains(before.Values.Select((v, k) => (v, k)).Skip(known), p => !p.v.Equals(after.Values[p.k])); // the future did change
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }

    [Fact]
    public void ARerunAfterLosingTheLastWindowRefitsOnlyItAndGivesTheSameTable()
    {
        var ds = WalkForwardFixture.Dataset(WalkForwardFixture.Market().Data);
        var options = WalkForwardFixture.Options();
        var dir = WalkForwardFixture.TempDirectory();
        try
        {
            var fits = new List<int>();
            IModel Counting(int k)
            {
                fits.Add(k);
                return WalkForwardFixture.Mlp(k);
            }
            var first = new WalkForwardRunner(ds, options).Run(Counting, dir);
            Assert.Equal([0, 1, 2], fits);
            var kept = Path.Combine(dir, "window-0", NeuralModel.WeightsFile);
            var stamp = File.GetLastWriteTimeUtc(kept);
            Directory.Delete(Path.Combine(dir, "window-2"), true);

            fits.Clear();
            var again = new WalkForwardRunner(ds, options).Run(Counting, dir);
            Assert.Equal([2], fits);
            Assert.Equal([true, true, false], again.Windows.Select(o => o.Resumed));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(kept));
            Assert.Equal(first.Scores.Values, again.Scores.Values);

            // The same folder with other dates is refused rather than mixed.
            var e = Assert.Throws<InputException>(() => new WalkForwardRunner(ds, options with { TrainMonths = 5 }).Run(Counting, dir));
            Assert.Contains("window.json", e.Message);
            Assert.Equal([2], fits);
        }
        finally { Directory.Delete(dir, true); }
    }
}
