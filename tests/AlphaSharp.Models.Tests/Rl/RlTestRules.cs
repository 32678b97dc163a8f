using AlphaSharp.Backtest;
using AlphaSharp.Backtest.Rules;

namespace AlphaSharp.Models.Tests.Rl;

/// <summary>China's rules with round costs for hand computation: 0.1 % commission (minimum 5), 0.1 % stamp duty on sells, no transfer fee or slippage, 100,000 CNY.</summary>
internal static class RlTestRules
{
    public static readonly BacktestOptions Options = new()
    {
        InitialCash = 100_000,
        Costs = new CostModel(0.001, 5, StampDutySchedule.Flat(0.001), TransferFeeSchedule.None, 0, 0),
    };
}
