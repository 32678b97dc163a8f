namespace AlphaSharp.Cli.Tests.Workflow;

/// <summary>`alphasharp run FILE --check` through the CLI: the resolved document on stdout, or every problem on stderr with exit 2.</summary>
[Collection(CliHarness.Name)]
public class RunCheckCommandTests
{
    [Fact]
    public void Check_prints_the_resolved_document_and_its_hash()
    {
        var r = CliHarness.Run("run", Path.Combine(WorkflowBinderTests.ConfigsDir(), "quickstart.yaml"), "--check", "--profile", "smoke", "--set", "models.lstm.hidden_size=4");
        Assert.Equal(0, r.Exit);
        Assert.Equal("", r.Err);
        Assert.Matches("# sha256: [0-9a-f]{64}\n", r.Out);
        Assert.Contains("# profile: smoke\n", r.Out);
        Assert.Contains("    hidden_size: 4\n", r.Out);
    }

    [Fact]
    public void Problems_go_to_stderr_one_line_each_with_exit_2_and_nothing_written()
    {
        using var tmp = new CliTempDir();
        var file = Path.Combine(tmp.Dir, "bad.yaml");
        File.WriteAllText(file, WorkflowMalformedTests.Valid.Replace("topk: 50", "topk: x").Replace("lightgbm: {}", "lightgbn: {}"));
        var before = Directory.GetFileSystemEntries(tmp.Dir).Length;
        var r = CliHarness.Run("run", file, "--check", "--set", "trainer.n_epochs=0");
        Assert.Equal(2, r.Exit);
        Assert.Equal("", r.Out);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"error: {file}:8: models.lightgbn: 'lightgbn' is not a model (did you mean lightgbm?)", lines[0]);
        Assert.StartsWith($"error: {file}:12: strategy.topk: expected a whole number, got 'x'", lines[1]);
        Assert.StartsWith("error: --set trainer.n_epochs=0: trainer.n_epochs: expected a whole number of 1 or more, got 0", lines[2]);
        Assert.Equal(before, Directory.GetFileSystemEntries(tmp.Dir).Length);
    }

    [Fact]
    public void A_missing_file_is_one_line() =>
        Assert.Equal("error: no/such.yaml: file: no such workflow file\n", CliHarness.Run("run", "no/such.yaml", "--check").Err.Replace("\r", ""));
}
