using System.Security.Cryptography;
using System.Text;
using AlphaSharp.Common;
using AlphaSharp.Runs;

namespace AlphaSharp.Tests.Runs;

public sealed class RunStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "alphasharp-run-tests", Guid.NewGuid().ToString("N"));
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 5, TimeSpan.Zero);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    internal static RunRequest Request(string name = "quickstart", string config = "a: 1\n", string parameters = """{"a":1,"models":{"lstm":{"hidden":64}}}""")
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(config)));
        return new RunRequest(name, config, hash, parameters, "1.0.0+abc", "data/cn_csi300", "f00d", [1, 2, 3], "smoke", ["models.lstm.hidden=64"]);
    }

    [Fact]
    public void ARunIsNamedByItsTimeNameAndShortHashAndRecordsWhatItWasGiven()
    {
        var store = new RunStore(_root);
        var request = Request();
        var run = store.Create(request, Noon);
        Assert.Equal($"20261202-120005-quickstart-{request.ConfigHash[..8]}", run.Id);
        Assert.Equal("a: 1\n", File.ReadAllText(run.File(RunDirectory.ConfigFile)));
        var m = run.Manifest;
        Assert.Equal((request.ConfigHash, "1.0.0+abc", "f00d", "smoke", RunManifest.Running), (m.ConfigHash, m.CodeVersion, m.DataFingerprint, m.Profile, m.Status));
        Assert.Equal([1, 2, 3], m.Seeds);
        Assert.Equal(["models.lstm.hidden=64"], m.Overrides);
        Assert.Equal(Noon, m.Created);
        Assert.Equal("64", run.Parameters["models.lstm.hidden"]);
        Assert.Empty(run.Metrics);
    }

    [Fact]
    public void TwoRunsWithTheSameNameNeverShareADirectory()
    {
        var store = new RunStore(_root);
        var first = store.Create(Request(), Noon);
        File.WriteAllText(Path.Combine(first.UnitDirectory(new RunUnit(0, "lstm-seed1")), "predictions.csv"), "first");
        var second = store.Create(Request(), Noon);
        var third = store.Create(Request(config: "a: 2\n"), Noon);
        Assert.Equal(first.Id + "-2", second.Id);
        Assert.NotEqual(first.Id, third.Id);
        Assert.Equal("first", File.ReadAllText(Path.Combine(first.UnitDirectory(new RunUnit(0, "lstm-seed1")), "predictions.csv")));
        Assert.Equal(3, store.List().Runs.Count);
    }

    [Fact]
    public void AnUnfinishedRunOfTheSameConfigurationIsResumableAndAFinishedOneIsNot()
    {
        var store = new RunStore(_root);
        var run = store.Create(Request(), Noon);
        var unit = new RunUnit(3, "lightgbm-seed1");
        Assert.False(run.IsDone(unit));
        run.MarkDone(unit, """{"rank_ic":0.05}""");
        Assert.True(run.IsDone(unit));
        Assert.Equal(run.Id, store.FindResumable("quickstart", Request().ConfigHash)!.Id);
        Assert.Null(store.FindResumable("quickstart", Request(config: "other").ConfigHash));
        run.Finish("""{"lightgbm":{"rank_ic":0.05}}""", "<html></html>");
        Assert.True(run.Manifest.IsFinished);
        Assert.Equal("0.05", run.Metrics["lightgbm.rank_ic"]);
        Assert.Null(store.FindResumable("quickstart", Request().ConfigHash));
    }

    [Fact]
    public void ShardsJoinOneRunByIdButARunOfAnotherConfigurationRefusesThem()
    {
        var store = new RunStore(_root);
        var a = store.Join("job-42", Request(), Noon);
        var b = store.Join("job-42", Request(), Noon.AddMinutes(1));
        Assert.Equal(a.Path, b.Path);
        Assert.Equal(Noon, b.Manifest.Created);
        var e = Assert.Throws<InputException>(() => store.Join("job-42", Request(config: "a: 2\n"), Noon));
        Assert.Contains("shards must run the same resolved workflow", e.Message);
        Assert.Throws<SettingException>(() => store.Join("../escape", Request(), Noon));
    }

    [Fact]
    public void RunsOpenByIdPrefixOrNameAndAnAmbiguousOrUnknownReferenceSaysWhatItCouldMean()
    {
        var store = new RunStore(_root);
        var first = store.Create(Request(), Noon);
        var later = store.Create(Request("other"), Noon.AddHours(1));
        Assert.Equal(first.Id, store.Open(first.Id).Id);
        Assert.Equal(later.Id, store.Open("other").Id);
        Assert.Equal(later.Id, store.Open(later.Path).Id);
        Assert.Equal(first.Id, store.Open("20261202-1200").Id);
        var ambiguous = Assert.Throws<InputException>(() => store.Open("20261202-"));
        Assert.Contains(first.Id, ambiguous.Message);
        Assert.Contains(later.Id, ambiguous.Message);
        Assert.Contains("no run of that id or name", Assert.Throws<InputException>(() => store.Open("nothing")).Message);
    }

    [Fact]
    public void AFolderThatIsNotARunIsListedAsSuchAndABadNameIsRefused()
    {
        var store = new RunStore(_root);
        store.Create(Request(), Noon);
        Directory.CreateDirectory(Path.Combine(_root, "stray"));
        var (runs, others) = store.List();
        Assert.Single(runs);
        Assert.Equal([Path.Combine(_root, "stray")], others);
        Assert.Throws<SettingException>(() => store.Create(Request("two words"), Noon));
        Assert.Throws<InputException>(() => new RunDirectory(Path.Combine(_root, "stray")));
    }

    [Fact]
    public void AManifestWithAMissingFieldNamesTheFileAndTheField()
    {
        var run = new RunStore(_root).Create(Request(), Noon);
        var path = run.File(RunManifest.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"config_hash\"", "\"config_hush\""));
        var e = Assert.Throws<InputException>(() => run.Manifest);
        Assert.Equal($"{path}: 'config_hash' is missing or not text", e.Message);
    }

    [Fact]
    public void ComparingRunsShowsOnlyTheParametersThatDifferAndEveryMetric()
    {
        var store = new RunStore(_root);
        var a = store.Create(Request(parameters: """{"a":1,"models":{"lstm":{"hidden":64}},"seed":1}"""), Noon);
        var b = store.Create(Request("b", parameters: """{"a":1,"models":{"lstm":{"hidden":32}}}"""), Noon);
        a.Finish("""{"lstm":{"rank_ic":0.04}}""", null);
        b.Finish("""{"lstm":{"rank_ic":0.05},"lightgbm":{"rank_ic":0.049}}""", null);
        var c = RunComparison.Of([a, b]);
        Assert.Equal(["models.lstm.hidden", "seed"], c.Differences.Select(d => d.Key));
        Assert.Equal(["64", "32"], c.Differences[0].Values);
        Assert.Equal(["1", null], c.Differences[1].Values);
        Assert.Equal(["lightgbm.rank_ic", "lstm.rank_ic"], c.Metrics.Select(m => m.Key));
        Assert.Equal([null, "0.049"], c.Metrics[0].Values);
    }

    [Fact]
    public void ShardKOfNTakesEveryNthUnitAndTogetherTheyTakeEachOnce()
    {
        var units = Enumerable.Range(0, 11).Select(i => new RunUnit(i, $"u{i}")).ToArray();
        var shards = Enumerable.Range(1, 4).Select(k => new RunShard(k, 4)).ToArray();
        Assert.Equal([1, 5, 9], units.Where(shards[1].Includes).Select(u => u.Index));
        Assert.All(units, u => Assert.Single(shards, s => s.Includes(u)));
        Assert.Equal(new RunShard(2, 4), RunShard.Parse("2/4"));
        foreach (var bad in new[] { "0/4", "5/4", "2", "a/b", "2/0", "-1/3" })
            Assert.Throws<SettingException>(() => RunShard.Parse(bad));
        Assert.Equal("2/4", new RunShard(2, 4).ToString());
    }
}
