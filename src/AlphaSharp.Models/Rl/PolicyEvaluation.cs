using AlphaSharp.Backtest;
using AlphaSharp.Evaluation.Performance;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Rl;

/// <summary>
/// One episode played by a fixed policy, day by day: the decision day of each action, the day its order filled on,
/// the account after that day's close, the day's return, every fill (buys and sells, for a chart's marks) and every
/// refused order (with the rule that refused it).
/// </summary>
public sealed record EpisodeRecord(string Policy, int[] DecisionDays, TradeAction[] Actions, int[] Days, double[] Values, double[] Returns,
    IReadOnlyList<Trade> Fills, IReadOnlyList<Trade> Refused, double InitialValue)
{
    /// <summary>The episode's rate of return: the last value over the initial one, minus 1.</summary>
    public double RateOfReturn => Values.Length == 0 ? 0 : Values[^1] / InitialValue - 1;

    /// <summary>Daily Sharpe ratio: mean over standard deviation (ddof 1) of the daily returns, not annualised (paper 002's); NaN without spread.</summary>
    public double DailySharpe => PerformanceMetrics.Sharpe(Returns, 0, periodsPerYear: 1);
}

/// <summary>
/// Plays a policy over an environment's whole episode without learning: the trained agent greedily, and the two
/// baselines every RL result needs beside it under the same rules and costs: buy-and-hold (buy on the first decision,
/// then hold; a refused buy is tried again the next day) and a seeded uniform random policy.
/// </summary>
public static class PolicyEvaluation
{
    public static EpisodeRecord Greedy(TradingEnvironment env, DqnAgent agent) => Play(env, "dqn (greedy)", obs => (TradeAction)agent.Greedy(obs));

    public static EpisodeRecord BuyAndHold(TradingEnvironment env) =>
        Play(env, "buy and hold", _ => env.Session.Account.Shares.Any(s => s > 0) ? TradeAction.Hold : TradeAction.Buy);

    public static EpisodeRecord Random(TradingEnvironment env, ulong seed)
    {
        var rng = new Rng(seed);
        return Play(env, $"random (seed {seed})", _ => (TradeAction)rng.NextInt(3));
    }

    public static EpisodeRecord Play(TradingEnvironment env, string name, Func<float[], TradeAction> policy)
    {
        var a = Play(env.Account, obs => [policy(obs[0])]);
        return new EpisodeRecord(name, a.DecisionDays, a.Actions.Select(x => x[0]).ToArray(), a.Days, a.Values, a.Returns, a.Fills, a.Refused, a.InitialValue);
    }

    /// <summary>Plays a policy over an account's whole episode: each day, one action per stock from the stocks' observations.</summary>
    public static AccountRecord Play(AccountEnvironment env, Func<float[][], TradeAction[]> policy)
    {
        var obs = env.Reset();
        var initial = env.Session.Value();
        var (decisions, actions, days, values, returns) = (new List<int>(), new List<TradeAction[]>(), new List<int>(), new List<double>(), new List<double>());
        var (fills, refused) = (new List<Trade>(), new List<Trade>());
        while (true)
        {
            var action = policy(obs);
            decisions.Add(env.Day);
            actions.Add(action);
            var s = env.Step(action);
            days.Add(s.Info.Day);
            values.Add(s.Info.Value);
            returns.Add(s.Info.Return);
            foreach (var trade in s.Info.Trades) (trade.Filled ? fills : refused).Add(trade);
            obs = s.Observations;
            if (s.Done) break;
        }
        return new AccountRecord([.. decisions], [.. days], [.. values], [.. returns], [.. actions], fills, refused, initial);
    }
}
