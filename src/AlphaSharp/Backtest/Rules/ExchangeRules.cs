using AlphaSharp.Common;
namespace AlphaSharp.Backtest.Rules;

/// <summary>
/// The trading rules a simulation enforces. China: T+1 (shares bought today cannot be sold today), no buy at the
/// limit-up price and no sell at the limit-down price, lots of 100 (STAR 200 then 1). Generic: none of these.
/// Suspended stocks (no close or zero volume) are untradable in both modes: nobody traded them.
/// <see cref="MaxVolumeShare"/> caps one order at that share of the stock's volume on the execution day.
/// </summary>
public sealed record ExchangeRules(bool TPlusOne, bool PriceLimits, LotRules Lots, double MaxVolumeShare)
{
    public static ExchangeRules China { get; } = new(true, true, LotRules.China, 0.1);
    public static ExchangeRules Generic { get; } = new(false, false, LotRules.Generic, 1.0);

    public void Validate()
    {
        if (!(MaxVolumeShare > 0 && MaxVolumeShare <= 1)) throw new SettingException($"{new SettingName("volume_cap")} {MaxVolumeShare}: must be in (0, 1]");
        if (Lots.Lot < 1 || Lots.StarMinimum < 1) throw new ArgumentException("lot sizes must be at least 1 share");
    }
}
