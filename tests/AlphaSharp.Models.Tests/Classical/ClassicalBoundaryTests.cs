using System.Text.RegularExpressions;

namespace AlphaSharp.Models.Tests.Classical;

/// <summary>The classical models stand on the core alone: nothing under src/AlphaSharp.Models/Classical uses Nn.</summary>
public sealed partial class ClassicalBoundaryTests
{
    [Fact]
    public void ClassicalSourcesDoNotUseNn()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(Path.Combine(root.FullName, "AlphaSharp.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var folder = Path.Combine(root.FullName, "src", "AlphaSharp.Models", "Classical");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("SmoSolver.cs", StringComparison.Ordinal));
        var offenders = files.Where(f => UsesNn(File.ReadAllText(f))).Select(Path.GetFileName).ToArray();
        Assert.Empty(offenders);
    }

    [Fact]
    public void TheCheckFindsAUseOfNn()
    {
        Assert.True(UsesNn("using AlphaSharp.Nn;\nclass A {}"));
        Assert.True(UsesNn("var t = new AlphaSharp.Nn.Tensor();"));
        Assert.False(UsesNn("using AlphaSharp.Common;\nnamespace AlphaSharp.Models.Classical;"));
    }

    private static bool UsesNn(string source) => NnUse().IsMatch(source);

    [GeneratedRegex(@"\bAlphaSharp\.Nn\b")]
    private static partial Regex NnUse();
}
