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
}
