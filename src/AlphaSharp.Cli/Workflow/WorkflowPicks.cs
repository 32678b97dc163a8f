using System.Globalization;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.MultiFactor;
using AlphaSharp.Factors;
using AlphaSharp.Factors.FeatureSets;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// A workflow's picks on its store: the multi-factor screening (on the workflow's screening period), its composite on
/// every trading day, and the top fraction of members by it. The runner's samples and the finisher's unfiltered
/// baseline both come from here, so they are the same cells.
/// </summary>
internal static class WorkflowPicks
{
    public static bool[] Mask(PicksSpec picks, MarketData data, Action<string> log)
    {
        if (data.Universe is null) throw new AlphaSharp.Common.InputException($"picks: the store has no universe; the multi-factor model picks among point-in-time members");
        var (available, unavailable) = new FeatureSet("picks", "", picks.Options.Factors, picks.Options.Unavailable).Resolve(new FactorEngine(data));
        if (available.Count == 0)
            throw new AlphaSharp.Common.InputException($"picks.multi_factor {picks.Source}: none of its factors can be computed on this store ({string.Join("; ", unavailable.Select(u => $"{u.Name}: {u.Reason}"))})");
        var options = picks.Options with { Factors = available, Unavailable = unavailable };
        var (composite, selected) = MultiFactorPipeline.CompositeOn(data, options, Enumerable.Range(0, data.Calendar.Count).ToArray());
        var mask = CompositePicks.Top(composite, data.Panel.N, data.Panel.T, picks.Top);
        log(string.Create(CultureInfo.InvariantCulture,
            $"picks: the top {picks.Top:P0} of members by the composite of {string.Join(", ", selected.Select(s => (s.Direction < 0 ? "-" : "") + s.Name))} (screened {options.ScreenStart:yyyy-MM-dd}..{options.ScreenEnd:yyyy-MM-dd}); {mask.Count(m => m)} stock-days"));
        return mask;
    }
}
