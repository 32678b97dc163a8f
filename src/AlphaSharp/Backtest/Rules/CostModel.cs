using AlphaSharp.Common;
namespace AlphaSharp.Backtest.Rules;

/// <summary>What one fill costs, in CNY, split by kind. <see cref="Slippage"/> is already inside the fill price.</summary>
public readonly record struct TradeCosts(double Commission, double StampDuty, double TransferFee, double Slippage)
{
    /// <summary>Fees paid in cash on top of (buy) or out of (sell) the traded value; slippage is in the price.</summary>
    public double Fees => Commission + StampDuty + TransferFee;
    public double Total => Fees + Slippage;
}

/// <summary>
/// Commission (a rate of traded value with a minimum per order), stamp duty and transfer fee by date, and slippage:
/// the fill price moves against the trader by <see cref="SlippageBps"/> basis points plus
/// <see cref="SlippagePerVolumeShare"/> times the order's share of the day's volume (a linear impact model:
/// 0.1 means taking 10 % of the day's volume costs another 1 %).
/// </summary>
public sealed record CostModel(
    double CommissionRate,
    double MinCommission,
    StampDutySchedule StampDuty,
    TransferFeeSchedule TransferFee,
    double SlippageBps,
    double SlippagePerVolumeShare)
{
    /// <summary>China defaults: 0.025 % commission, minimum 5 CNY, dated stamp duty and transfer fee, 5 bps slippage.</summary>
    public static CostModel China { get; } = new(0.00025, 5, StampDutySchedule.China, TransferFeeSchedule.China, 5, 0);

    /// <summary>Generic mode: commission rate only, no minimum, no stamp duty or transfer fee.</summary>
    public static CostModel Generic { get; } = new(0.00025, 0, StampDutySchedule.None, TransferFeeSchedule.None, 5, 0);

    public void Validate()
    {
        SettingParsers.InRange("commission", CommissionRate, 0, 0.1);
        SettingParsers.InRange("min_commission", MinCommission, 0, 1e6);
        SettingParsers.InRange("slippage_bps", SlippageBps, 0, 1000);
        SettingParsers.InRange("slippage_volume", SlippagePerVolumeShare, 0, 100);
    }

    /// <summary>The fraction the fill price moves against the trader for an order of <paramref name="shares"/> on a day that traded <paramref name="dayVolume"/>.</summary>
    public double SlippageFraction(double shares, double dayVolume) =>
        SlippageBps * 1e-4 + (dayVolume > 0 ? SlippagePerVolumeShare * shares / dayVolume : 0);

    /// <summary>Fees on a fill of <paramref name="shares"/> worth <paramref name="value"/> (at the fill price) on <paramref name="day"/>.</summary>
    public TradeCosts Costs(DateOnly day, OrderSide side, bool shanghai, double shares, double value, double slippage)
    {
        var commission = Math.Max(CommissionRate * value, MinCommission);
        var stamp = StampDuty.Rate(day, side) * value;
        var transfer = TransferFee.Fee(day, shanghai, shares, value);
        return new TradeCosts(commission, stamp, transfer, slippage);
    }
}
