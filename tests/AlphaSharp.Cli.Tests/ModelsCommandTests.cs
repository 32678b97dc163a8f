namespace AlphaSharp.Cli.Tests;

[Collection(CliHarness.Name)]
public class ModelsCommandTests
{
    [Fact]
    public void AnUnknownModelIsOneLineAndNothingIsWritten()
    {
        var dir = CliHarness.TempDir();
        var r = CliHarness.Run("models", "benchmark", "--models", "linear,nope", "--out", dir);
        Assert.Equal(2, r.Exit);
        var line = Assert.Single(r.Err.Trim().Split('\n'));
        Assert.StartsWith("error: models: 'nope' is not a model of the benchmark (known: linear, lightgbm, mlp, lstm", line);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void ZeroSeedsNamesTheFlag()
    {
        var dir = CliHarness.TempDir();
        var r = CliHarness.Run("models", "benchmark", "--models", "lstm", "--seeds", "0", "--out", dir);
        Assert.Equal(2, r.Exit);
        Assert.Equal("error: --seeds 0: need at least one seed", r.Err.Trim());
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void AnUnknownStopMetricNamesTheFlag()
    {
        var dir = CliHarness.TempDir();
        var r = CliHarness.Run("models", "benchmark", "--models", "lstm", "--stop", "sharpe!", "--out", dir);
        Assert.Equal(2, r.Exit);
        Assert.Equal("error: --stop: 'sharpe!' is not loss, ic or sharpe", r.Err.Trim());
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void ADirectoryHoldingSomethingElseIsRefusedAndLeftAsItWas()
    {
        var dir = CliHarness.TempDir();
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        var r = CliHarness.Run("models", "benchmark", "--models", "linear", "--out", dir);
        Assert.Equal(2, r.Exit);
        Assert.Equal($"error: {dir}: exists and holds no benchmark run (no fits.csv); choose a new output directory", r.Err.Trim());
        Assert.Equal(["notes.txt"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }
}
