using AlphaSharp.Backtest;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Rl;
using AlphaSharp.Runs;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// A bound trading-agent workflow (paper 002's): a DQN per named stock, each trading its equal share of the
/// <see cref="BacktestOptions.InitialCash"/> on the backtester's rules over <see cref="Train"/> for
/// <see cref="Episodes"/> episodes, then playing <see cref="Test"/>, which training never saw, greedily beside
/// buy-and-hold and a random policy; with <see cref="SharedAccount"/> the trained agents also trade one account
/// together. <see cref="Indices"/> are the index files compared with it besides the store's benchmark.
/// </summary>
public sealed record RlWorkflowSpec(
    string Name,
    DataSpec Data,
    IReadOnlyList<string> Stocks,
    Segment Train,
    Segment Test,
    bool SharedAccount,
    TradingEnvironmentOptions Environment,
    DqnOptions Agent,
    int Episodes,
    BacktestOptions Backtest,
    IReadOnlyList<IndexFile> Indices,
    string Title,
    /// <summary>The claim the report checks (report.claim), or null.</summary>
    string? Claim,
    IReadOnlyList<ulong> Seeds,
    string? Profile,
    IReadOnlyList<string> Overrides,
    CanonicalDocument Resolved,
    string File) : BoundWorkflow(Name, Data, Seeds, Profile, Overrides, Resolved, File)
{
    /// <summary>The capital each stock's agent trades: the account's, split equally.</summary>
    public double StockCapital => Backtest.InitialCash / Stocks.Count;

    public override string UnitsLine => $"{RlUnits.Of(this).Count} units ({Stocks.Count} stock(s) x {Seeds.Count} seed(s))";
}

/// <summary>An index series to compare with, read from <see cref="Path"/> (a <c>date,symbol,open,high,low,close</c> file) onto the store's calendar.</summary>
public sealed record IndexFile(string Name, string Path);

/// <summary>One unit of a trading-agent workflow: one stock's agent trained and tested with one seed.</summary>
public sealed record RlUnit(RunUnit Unit, string Stock, ulong Seed);

/// <summary>The units in their stable order: stocks as listed, then seeds as listed, so every shard numbers them alike.</summary>
public static class RlUnits
{
    public static IReadOnlyList<RlUnit> Of(RlWorkflowSpec spec)
    {
        var units = new List<RlUnit>();
        foreach (var stock in spec.Stocks)
            foreach (var seed in spec.Seeds)
                units.Add(new RlUnit(new RunUnit(units.Count, $"{stock}-seed{seed}"), stock, seed));
        return units;
    }
}
