using AlphaSharp.Backtest;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.Performance;

namespace AlphaSharp.Models.Rl;

/// <summary>An account's episode: each decision day, the day its orders filled on, the account after that close, its return, each stock's action, and the fills and refusals.</summary>
public sealed record AccountRecord(int[] DecisionDays, int[] Days, double[] Values, double[] Returns, TradeAction[][] Actions, IReadOnlyList<Trade> Fills, IReadOnlyList<Trade> Refused, double InitialValue)
{
    public double RateOfReturn => Values.Length == 0 ? 0 : Values[^1] / InitialValue - 1;
    public double DailySharpe => PerformanceMetrics.Sharpe(Returns, 0, periodsPerYear: 1);
}

/// <summary>
/// The multi-stock account: trained agents, one per stock, trading one account together over the test span (the whole
/// capital in one pool: sells first, then the buys share the cash equally among the stocks without a position, see
/// <see cref="AccountEnvironment"/>). Each agent reads its own stock's observation, scaled as in its own training (the
/// stock's training-span statistics), and acts greedily; nothing is learned here.
/// </summary>
public static class SharedAccount
{
    public static AccountRecord Play(MarketData data, IReadOnlyList<string> symbols, (DateOnly Start, DateOnly End) train, (DateOnly Start, DateOnly End) test,
        BacktestOptions rules, TradingEnvironmentOptions env, IReadOnlyList<DqnAgent> agents)
    {
        if (agents.Count != symbols.Count) throw new ArgumentException($"rl: {agents.Count} agents for {symbols.Count} stocks");
        foreach (var s in symbols)
            if (!data.Panel.TryIndexOf(s, out _)) throw new InputException($"rl: {s} is not in the store");
        var pool = data.Only(symbols);
        var features = Paper002Features.Evaluate(pool);
        var instruments = symbols.Select(pool.Panel.IndexOf).ToArray();
        var spans = instruments.Select((i, j) => StockSpans.Of(features, pool.Calendar, i, symbols[j], train, test, env.Window)).ToArray();
        var account = new AccountEnvironment(MarketView.From(pool), instruments, features, spans.Select(s => s.Scaler).ToArray(), spans[0].TestStart, spans[0].TestEnd, rules, env);
        return PolicyEvaluation.Play(account, obs => obs.Select((o, j) => (TradeAction)agents[j].Greedy(o)).ToArray());
    }
}
