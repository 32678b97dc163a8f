using System.Text.RegularExpressions;
using System.Xml.Linq;
using AlphaSharp.Data;
using AlphaSharp.Nn;

namespace AlphaSharp.Cli.Tests;

/// <summary>
/// The dependency rules of docs/architecture.md, checked against the projects, the compiled assemblies and the
/// sources: Nn knows no finance, the core knows no Nn, nothing below the CLI knows the CLI, and inside the core each
/// layer (namespace) uses only the layers the page allows.
/// </summary>
public partial class ArchitectureTests
{
    /// <summary>Project -> the projects of ours it may reference (the page's assembly table).</summary>
    private static readonly Dictionary<string, string[]> AllowedProjects = new()
    {
        ["AlphaSharp.Nn"] = [],
        ["AlphaSharp"] = [],
        ["AlphaSharp.Models"] = ["AlphaSharp", "AlphaSharp.Nn"],
        ["AlphaSharp.Cli"] = ["AlphaSharp", "AlphaSharp.Nn", "AlphaSharp.Models"],
    };

    /// <summary>Core layer -> the core layers it may use besides itself (the page's folder table).</summary>
    private static readonly Dictionary<string, string[]> AllowedLayers = new()
    {
        ["Common"] = [],
        ["Data"] = ["Common"],
        ["Factors"] = ["Common", "Data"],
        ["Evaluation"] = ["Common", "Data", "Factors"],
        ["Backtest"] = ["Common", "Data", "Evaluation.Performance"],
        ["Reports"] = ["Common", "Data", "Evaluation", "Backtest", "Runs"],
        ["Runs"] = ["Common"],
    };

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AlphaSharp.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException($"AlphaSharp.slnx not found above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void EachProjectReferencesOnlyWhatThePageAllows()
    {
        var src = Path.Combine(RepoRoot(), "src");
        var projects = Directory.GetDirectories(src).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(AllowedProjects.Keys.Order(), projects);
        foreach (var (project, allowed) in AllowedProjects)
        {
            var csproj = XDocument.Load(Path.Combine(src, project!, project + ".csproj"));
            var refs = csproj.Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).Order().ToArray();
            Assert.True(refs.All(allowed.Contains), $"{project} references {string.Join(", ", refs)}; allowed: {string.Join(", ", allowed)}");
        }
    }

    [Fact]
    public void CompiledAssembliesKeepTheBoundaries()
    {
        static string[] Ours(System.Reflection.Assembly a) =>
            a.GetReferencedAssemblies().Select(n => n.Name!).Where(n => n.StartsWith("AlphaSharp", StringComparison.Ordinal)).Order().ToArray();
        Assert.Empty(Ours(typeof(Tensor).Assembly));     // Nn knows no finance
        Assert.Empty(Ours(typeof(Panel).Assembly));      // the core knows no Nn
        var models = System.Reflection.Assembly.Load("AlphaSharp.Models");
        Assert.DoesNotContain("AlphaSharp.Cli", Ours(models));
    }

    [Fact]
    public void CoreLayersUseOnlyTheLayersThePageAllows()
    {
        var core = Path.Combine(RepoRoot(), "src", "AlphaSharp");
        var files = Directory.GetFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(core, f).Replace('\\', '/'), File.ReadAllText(f)));
        var violations = LayerViolations(files);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void TheLayerCheckFindsAForbiddenUse()
    {
        // The checker itself must see a forbidden direction, by a using or by a qualified name, and accept allowed ones.
        var files = new[]
        {
            ("Backtest/Bad.cs", "using AlphaSharp.Reports.Charts;\nnamespace AlphaSharp.Backtest;\nclass Bad {}"),
            ("Evaluation/Worse.cs", "namespace AlphaSharp.Evaluation;\nclass Worse { object o = new AlphaSharp.Backtest.Decision(); }"),
            ("Backtest/Fine.cs", "using AlphaSharp.Evaluation.Performance;\nusing AlphaSharp.Common;\nnamespace AlphaSharp.Backtest;\nclass Fine {}"),
            ("Backtest/NotFine.cs", "using AlphaSharp.Evaluation.Factor;\nnamespace AlphaSharp.Backtest;\nclass NotFine {}"),
            ("Common/Low.cs", "namespace AlphaSharp.Common;\n// a comment naming AlphaSharp.Data is no use\nclass Low {}"),
        };
        var violations = LayerViolations(files);
        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("Backtest/Bad.cs: Backtest uses Reports", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Evaluation/Worse.cs: Evaluation uses Backtest", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Backtest/NotFine.cs: Backtest uses Evaluation.Factor", StringComparison.Ordinal));
    }

    [Fact]
    public void DocsStayInsideTheRepository()
    {
        var root = RepoRoot();
        var pages = Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Append(Path.Combine(root, "README.md"));
        foreach (var page in pages)
        {
            var text = File.ReadAllText(page);
            Assert.False(text.Contains("../shared", StringComparison.Ordinal), $"{page} points outside the repository (../shared)");
            Assert.False(IssueNumber().IsMatch(text), $"{page} names an issue number: {IssueNumber().Match(text).Value}");
        }
        Assert.Contains("docs/architecture.md", File.ReadAllText(Path.Combine(root, "README.md")));
    }

    /// <summary>Every use of a core layer by a file of another, against <see cref="AllowedLayers"/>.</summary>
    internal static List<string> LayerViolations(IEnumerable<(string RelativePath, string Text)> files)
    {
        var violations = new List<string>();
        foreach (var (path, text) in files)
        {
            var layer = path.Split('/')[0];
            if (!AllowedLayers.TryGetValue(layer, out var allowed)) continue;
            var code = Comments().Replace(text, "");
            foreach (var used in CoreReference().Matches(code).Select(m => m.Groups[1].Value).Distinct())
            {
                var usedLayer = used.Split('.')[0];
                if (usedLayer == layer || !AllowedLayers.ContainsKey(usedLayer)) continue;
                var ok = allowed.Any(a => used == a || used.StartsWith(a + ".", StringComparison.Ordinal));
                if (!ok) violations.Add($"{path}: {layer} uses {used}, not allowed (allowed: {string.Join(", ", allowed)})");
            }
        }
        return violations;
    }

    /// <summary>A namespace of the core named in code: a using, a using static, or a qualified name.</summary>
    [GeneratedRegex(@"\bAlphaSharp\.((?:Common|Data|Factors|Evaluation|Backtest|Reports|Runs)(?:\.[A-Z][A-Za-z]*)?)")]
    private static partial Regex CoreReference();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"\b[Ii]ssue[ -]?#?\d+|(?<![\w&])#\d{1,4}\b")]
    private static partial Regex IssueNumber();
}
