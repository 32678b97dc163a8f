using System.Security.Cryptography;
using AlphaSharp.Common;
using AlphaSharp.Evaluation.MultiFactor;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Binds <c>picks</c>: a <c>factor multi</c> settings file (<c>multi_factor</c>, relative to the workflow file) whose
/// composite picks the samples, its screening period as this workflow needs it (<c>screen_start</c>, <c>screen_end</c>:
/// the screening must end before the test starts, or the picks have seen it) and the fraction picked (<c>top</c>).
/// The canonical document records the file's SHA-256, so an edit to it makes another run.
/// </summary>
internal static class PicksBinding
{
    public static PicksSpec? Picks(Section root, string origin, DateOnly? testStart)
    {
        if (!root.Has("picks")) return null;
        var s = root.Sub("picks");
        var file = s.Scalar("multi_factor");
        var top = s.Number("top", 0.2, 0, 1, aboveMin: true);
        DateOnly? Date(string key) => s.Take(key) is { } node && s.Date(node, key) is { } d ? d : null;
        var screenStart = Date("screen_start");
        var screenEnd = Date("screen_end");
        s.Finish();
        if (file is null)
        {
            s.Problem("multi_factor", "missing; give the factor multi settings file whose composite picks the samples (e.g. paper001.yaml)");
            return null;
        }
        var path = Path.IsPathRooted(file) ? file : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(origin)) ?? ".", file);
        if (!File.Exists(path))
        {
            s.Problem("multi_factor", $"'{file}': no such file (read relative to the workflow file: {path})");
            return null;
        }
        MultiFactorOptions options;
        try
        {
            options = MultiFactorCommand.Load(path);
            options = options with { ScreenStart = screenStart ?? options.ScreenStart, ScreenEnd = screenEnd ?? options.ScreenEnd };
            options.Validate();
        }
        catch (Exception e) when (e is InputException or SettingException)
        {
            s.Problem("multi_factor", e.Message);
            return null;
        }
        if (testStart is { } start && options.ScreenEnd >= start)
            s.Problem(screenEnd is null ? "multi_factor" : "screen_end", $"the screening ends {options.ScreenEnd:yyyy-MM-dd}, not before the test starts {start:yyyy-MM-dd}: the picks would have chosen their factors on the test; end it earlier");
        s.Output["multi_factor"] = CanonicalDocument.Str(file);
        s.Output["multi_factor_sha256"] = CanonicalDocument.Str(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        s.Output["screen_start"] = CanonicalDocument.Date(options.ScreenStart);
        s.Output["screen_end"] = CanonicalDocument.Date(options.ScreenEnd);
        return new PicksSpec(file, options, top);
    }
}
