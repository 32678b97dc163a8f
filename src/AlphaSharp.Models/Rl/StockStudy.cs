using AlphaSharp.Backtest;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors;

namespace AlphaSharp.Models.Rl;

/// <summary>
/// Paper 002's observation features for one stock, as factor-engine expressions with TA-Lib's definitions: open,
/// close, high, low, volume, MA10, MA21, RSI, MOM and EMA.
/// </summary>
public static class Paper002Features
{
    public static readonly IReadOnlyList<string> Expressions =
        ["$open", "$close", "$high", "$low", "$volume", "TA_SMA($close, 10)", "TA_SMA($close, 21)", "TA_RSI($close, 14)", "TA_MOM($close, 10)", "TA_EMA($close, 12)"];
}

/// <summary>One stock's study: the DQN's training curve, and the test span played by the greedy agent, buy-and-hold and a random policy.</summary>
public sealed record StockStudyResult(string Symbol, IReadOnlyList<EpisodeLog> Training, EpisodeRecord Agent, EpisodeRecord BuyAndHold, EpisodeRecord Random);

/// <summary>
/// Trains a DQN on one stock's training span (episodes over the whole span, the observation scaled by the training
/// span's statistics only) and plays the test span, which training never saw, with the greedy agent and the two
/// baselines, all under the same rules, costs and capital. The stock is studied on its own market
/// (<see cref="MarketData.Only"/>), so its daily loop costs one stock.
/// </summary>
public static class StockStudy
{
    public static StockStudyResult Run(MarketData data, string symbol, (DateOnly Start, DateOnly End) train, (DateOnly Start, DateOnly End) test,
        BacktestOptions rules, TradingEnvironmentOptions env, DqnOptions dqn, int episodes, Action<EpisodeLog>? progress = null, CancellationToken cancel = default)
    {
        if (!(train.End < test.Start)) throw new InputException($"rl: the training span ends {train.End:yyyy-MM-dd}, not before the test starts {test.Start:yyyy-MM-dd}");
        if (!data.Panel.TryIndexOf(symbol, out _)) throw new InputException($"rl: {symbol} is not in the store");
        var one = data.Only([symbol]);
        var market = MarketView.From(one);
        var features = Paper002Features.Expressions.Select(e => FactorEngine.Evaluate(one, e)).ToArray();
        var calendar = one.Calendar;
        int Day(DateOnly d, bool onOrAfter) => onOrAfter ? calendar.IndexOnOrAfter(d) : calendar.IndexOnOrBefore(d);
        var (trainStart, trainEnd, testStart, testEnd) = (Day(train.Start, true), Day(train.End, false), Day(test.Start, true), Day(test.End, false));
        // The first decision needs a full window of features that exist (the longest, MA21, needs 21 days).
        var T = calendar.Count;
        var firstValid = Enumerable.Range(0, T).FirstOrDefault(t => features.All(f => float.IsFinite(f[t])), -1);
        if (firstValid < 0) throw new InputException($"rl: {symbol} never has all of paper 002's features");
        trainStart = Math.Max(trainStart, firstValid + env.Window - 1);
        if (trainEnd - trainStart < 2 || testEnd - testStart < 1) throw new InputException($"rl: {symbol}: the training span {train.Start:yyyy-MM-dd}..{train.End:yyyy-MM-dd} or the test span {test.Start:yyyy-MM-dd}..{test.End:yyyy-MM-dd} holds too few trading days");
        var scaler = ObservationScaler.Fit(features, 0, T, trainStart, trainEnd);
        var trainEnv = new TradingEnvironment(market, 0, features, scaler, trainStart, trainEnd, rules, env);
        var agent = new DqnAgent(env.Window, trainEnv.StepFeatures, 3, dqn);
        var curve = agent.Train(new TradingEnvironmentAdapter(trainEnv), episodes, progress, cancel);
        TradingEnvironment TestEnv() => new(market, 0, features, scaler, testStart, testEnd, rules, env);
        return new StockStudyResult(symbol, curve, PolicyEvaluation.Greedy(TestEnv(), agent), PolicyEvaluation.BuyAndHold(TestEnv()), PolicyEvaluation.Random(TestEnv(), dqn.Seed));
    }
}
