namespace AlphaSharp.Data;

/// <summary>Where a day's close stands against its price limits.</summary>
public enum LimitStatus : sbyte
{
    /// <summary>No limit can be computed: no row that day, or no previous close (first row).</summary>
    Unknown = 0,
    Normal = 1,
    /// <summary>Closed at the upper limit: could not be bought at the close.</summary>
    LimitUp = 2,
    /// <summary>Closed at the lower limit: could not be sold at the close.</summary>
    LimitDown = 3,
}

/// <summary>One day's limit prices for one stock.</summary>
public readonly record struct LimitPrices(double Reference, double Up, double Down);

/// <summary>
/// Daily price limits. The reference price is the previous raw close, moved onto today's share basis when the
/// adjustment factor changed overnight (ex-rights): prev_close_raw x factor[t-1] / factor[t]. Limit prices are the
/// reference x (1 +- limit), rounded to 0.01 CNY (half away from zero); a close within half a cent of one is at it.
/// </summary>
public static class PriceLimits
{
    private const double Tick = 0.01;

    public static bool TryLimitPrices(Panel panel, int t, int instrument, PriceLimitRules rules, out LimitPrices prices)
    {
        prices = default;
        if (t == 0) return false;
        var close = panel.Field("close");
        var factor = panel.Field(AdjustedPrices.FactorField);
        var row = instrument * panel.T;
        double prevClose = close[row + t - 1], prevFactor = factor[row + t - 1], todayFactor = factor[row + t];
        if (double.IsNaN(prevClose) || double.IsNaN(prevFactor) || double.IsNaN(todayFactor) || todayFactor <= 0) return false;
        var reference = prevClose * prevFactor / todayFactor;
        var fraction = rules.LimitFraction(panel.Symbols[instrument], panel.Calendar[t]);
        prices = new LimitPrices(reference, RoundToTick(reference * (1 + fraction)), RoundToTick(reference * (1 - fraction)));
        return true;
    }

    public static LimitStatus StatusAt(Panel panel, int t, int instrument, PriceLimitRules rules)
    {
        var today = panel["close", t, instrument];
        if (float.IsNaN(today) || !TryLimitPrices(panel, t, instrument, rules, out var limits)) return LimitStatus.Unknown;
        return Classify(today, limits.Up, limits.Down);
    }

    /// <summary>The status of every cell, instrument-major like the panel (the same answer as <see cref="StatusAt"/>).</summary>
    public static LimitStatus[] Status(Panel panel, PriceLimitRules? rules = null)
    {
        rules ??= PriceLimitRules.Default;
        var T = panel.T;
        var close = panel.Field("close");
        var factor = panel.Field(AdjustedPrices.FactorField);
        var status = new LimitStatus[panel.N * T];
        Parallel.For(0, panel.N, i =>
        {
            var board = Boards.Of(panel.Symbols[i]);
            var row = i * T;
            for (var t = 1; t < T; t++)
            {
                double today = close[row + t], prevClose = close[row + t - 1], prevFactor = factor[row + t - 1], todayFactor = factor[row + t];
                if (double.IsNaN(today) || double.IsNaN(prevClose) || double.IsNaN(prevFactor) || double.IsNaN(todayFactor) || todayFactor <= 0)
                    continue;
                var reference = prevClose * prevFactor / todayFactor;
                var fraction = rules.LimitFraction(board, panel.Calendar[t]);
                status[row + t] = Classify(today, RoundToTick(reference * (1 + fraction)), RoundToTick(reference * (1 - fraction)));
            }
        });
        return status;
    }

    private static LimitStatus Classify(double close, double up, double down) =>
        close >= up - Tick / 2 ? LimitStatus.LimitUp : close <= down + Tick / 2 ? LimitStatus.LimitDown : LimitStatus.Normal;

    // The 1e-9 nudge keeps a product like 11.55 x 1.1 = 12.705 (stored as 12.70499999...) rounding up, as the
    // exchange's decimal arithmetic does.
    private static double RoundToTick(double price) =>
        Math.Round(price + Math.CopySign(1e-9, price), 2, MidpointRounding.AwayFromZero);
}
