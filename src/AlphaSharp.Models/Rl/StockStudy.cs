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

    /// <summary>The features' panels over a market (instrument-major [N * T]).</summary>
    public static float[][] Evaluate(MarketData data) => Expressions.Select(e => FactorEngine.Evaluate(data, e)).ToArray();
}

/// <summary>
/// One stock's spans on the calendar and its observation scaler: the training span starts where a full window of
/// features first exists (the longest, MA21, needs 21 days), and the scaler is fitted on the training span only.
/// </summary>
public sealed record StockSpans(int TrainStart, int TrainEnd, int TestStart, int TestEnd, ObservationScaler Scaler)
{
    public static StockSpans Of(IReadOnlyList<float[]> features, Calendar calendar, int instrument, string symbol,
        (DateOnly Start, DateOnly End) train, (DateOnly Start, DateOnly End) test, int window)
    {
        if (!(train.End < test.Start)) throw new InputException($"rl: the training span ends {train.End:yyyy-MM-dd}, not before the test starts {test.Start:yyyy-MM-dd}");
        var T = calendar.Count;
        var (trainStart, trainEnd) = (calendar.IndexOnOrAfter(train.Start), calendar.IndexOnOrBefore(train.End));
        var (testStart, testEnd) = (calendar.IndexOnOrAfter(test.Start), calendar.IndexOnOrBefore(test.End));
        var firstValid = Enumerable.Range(0, T).FirstOrDefault(t => features.All(f => float.IsFinite(f[instrument * T + t])), -1);
        if (firstValid < 0) throw new InputException($"rl: {symbol} never has all of paper 002's features");
        trainStart = Math.Max(trainStart, firstValid + window - 1);
        if (trainEnd - trainStart < 2 || testEnd - testStart < 1)
            throw new InputException($"rl: {symbol}: the training span {train.Start:yyyy-MM-dd}..{train.End:yyyy-MM-dd} or the test span {test.Start:yyyy-MM-dd}..{test.End:yyyy-MM-dd} holds too few trading days");
        return new StockSpans(trainStart, trainEnd, testStart, testEnd, ObservationScaler.Fit(features, instrument, T, trainStart, trainEnd));
    }
}

/// <summary>One stock's study: the trained DQN and its training curve, and the test span played by the greedy agent, buy-and-hold and a random policy.</summary>
public sealed record StockStudyResult(string Symbol, DqnAgent Trained, IReadOnlyList<EpisodeLog> Training, EpisodeRecord Agent, EpisodeRecord BuyAndHold, EpisodeRecord Random);

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
        if (!data.Panel.TryIndexOf(symbol, out _)) throw new InputException($"rl: {symbol} is not in the store");
        var one = data.Only([symbol]);
        var market = MarketView.From(one);
        var features = Paper002Features.Evaluate(one);
        var spans = StockSpans.Of(features, one.Calendar, 0, symbol, train, test, env.Window);
        var trainEnv = new TradingEnvironment(market, 0, features, spans.Scaler, spans.TrainStart, spans.TrainEnd, rules, env);
        var agent = new DqnAgent(env.Window, trainEnv.StepFeatures, 3, dqn);
        var curve = agent.Train(new TradingEnvironmentAdapter(trainEnv), episodes, progress, cancel);
        TradingEnvironment TestEnv() => new(market, 0, features, spans.Scaler, spans.TestStart, spans.TestEnd, rules, env);
        return new StockStudyResult(symbol, agent, curve, PolicyEvaluation.Greedy(TestEnv(), agent), PolicyEvaluation.BuyAndHold(TestEnv()), PolicyEvaluation.Random(TestEnv(), dqn.Seed));
    }
}
