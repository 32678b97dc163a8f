using AlphaSharp.Runs;

namespace AlphaSharp.Cli.Tests;

[Collection(CliHarness.Name)]
public class RunsCommandTests
{
    private static (string Root, RunDirectory A, RunDirectory B) TwoRuns()
    {
        var root = CliHarness.TempDir();
        var store = new RunStore(root);
        var noon = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var a = store.Create(new RunRequest("quick", "x: 1\n", new string('a', 64), """{"models":{"lstm":{"hidden":64}},"seeds":[1]}""", "1.0.0+abc", "shipped", "f00d", [1]), noon);
        var b = store.Create(new RunRequest("quick", "x: 2\n", new string('b', 64), """{"models":{"lstm":{"hidden":32}},"seeds":[1]}""", "1.0.0+abc", "shipped", "f00d", [1]), noon.AddMinutes(5));
        a.Finish("""{"lstm":{"rank_ic":0.041}}""", "<html></html>");
        return (root, a, b);
    }

    [Fact]
    public void ListShowsEveryRunWithItsStatusAndWarnsOfAFolderThatIsNotARun()
    {
        var (root, a, b) = TwoRuns();
        Directory.CreateDirectory(Path.Combine(root, "stray"));
        var r = CliHarness.Run("runs", "list", "--runs", root);
        Assert.Equal(0, r.Exit);
        Assert.Contains(a.Id, r.Out);
        Assert.Contains(b.Id, r.Out);
        Assert.Contains("finished", r.Out);
        Assert.Contains("running", r.Out);
        Assert.Equal($"warning: {Path.Combine(root, "stray")}: not a run (no manifest.json)", r.Err.Trim());
    }

    [Fact]
    public void ShowPrintsTheManifestAndTheMetrics()
    {
        var (root, a, _) = TwoRuns();
        var r = CliHarness.Run("runs", "show", a.Id[..15], "--runs", root);
        Assert.Equal(0, r.Exit);
        Assert.Contains(new string('a', 64), r.Out);
        Assert.Contains("lstm.rank_ic", r.Out);
        Assert.Contains("0.041", r.Out);
        Assert.Contains("report.html", r.Out);
    }

    [Fact]
    public void CompareShowsTheDifferingParameterAndWritesTheHtmlPage()
    {
        var (root, a, b) = TwoRuns();
        var html = Path.Combine(root, "compare.html");
        var r = CliHarness.Run("runs", "compare", a.Id, b.Id, "--runs", root, "--html", html);
        Assert.Equal(0, r.Exit);
        Assert.Contains("models.lstm.hidden", r.Out);
        Assert.DoesNotContain("seeds.0", r.Out);
        var page = File.ReadAllText(html);
        Assert.Contains("models.lstm.hidden", page);
        Assert.Contains("0.041", page);
    }

    [Fact]
    public void AnUnknownRunIsOneLineAndExitTwo()
    {
        var (root, _, _) = TwoRuns();
        var r = CliHarness.Run("runs", "show", "nope", "--runs", root);
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("error: run 'nope': no run of that id or name in ", r.Err.Trim());
        Assert.Single(r.Err.Trim().Split('\n'));
    }
}
