using AlphaSharp.Data;

namespace AlphaSharp.Factors.Labels;

/// <summary>Which price a forward return is measured on.</summary>
public enum LabelPrice
{
    /// <summary>Adjusted close at t to adjusted close at t + h.</summary>
    Close,
    /// <summary>Adjusted open at t + 1 (the first price a decision at t's close can get) to adjusted open at t + 1 + h.</summary>
    Open,
    /// <summary>Adjusted day's average price (amount / volume) at t + 1 to the same at t + 1 + h.</summary>
    Vwap,
}

/// <summary>
/// Forward returns: the look-ahead of the system, kept here, named as labels and never offered as features.
/// A return whose entry or exit day is not a trading day for the stock (suspended: volume 0; not listed: NaN) is NaN,
/// never zero, and so is one whose exit lies past the calendar's end. Prices are backward-adjusted (raw x factor),
/// computed in double, stored float32 in the panel layout (<c>values[i * T + t]</c>), indexed by the decision day t.
/// </summary>
public static class ForwardReturns
{
    public static float[] Compute(Panel panel, int horizon, LabelPrice price = LabelPrice.Close)
    {
        if (horizon < 1) throw new ArgumentOutOfRangeException(nameof(horizon), $"label horizon must be at least 1 day, got {horizon}");
        int T = panel.T, N = panel.N;
        var entryShift = price == LabelPrice.Close ? 0 : 1;
        var prices = TradablePrices(panel, price);
        var result = new float[T * N];
        Array.Fill(result, float.NaN);
        Parallel.For(0, N, i =>
        {
            var row = i * T;
            for (var t = 0; t + entryShift + horizon < T; t++)
            {
                double a = prices[row + t + entryShift], b = prices[row + t + entryShift + horizon];
                if (double.IsNaN(a) || double.IsNaN(b) || a <= 0) continue;
                result[row + t] = (float)(b / a - 1);
            }
        });
        return result;
    }

    /// <summary>Adjusted prices of the chosen kind, NaN on every day the stock did not trade.</summary>
    internal static double[] TradablePrices(Panel panel, LabelPrice price)
    {
        var volume = panel.Field(Tradability.VolumeField);
        var factor = panel.HasField(AdjustedPrices.FactorField) ? panel.Field(AdjustedPrices.FactorField) : null;
        float[] raw;
        float[]? amount = null;
        switch (price)
        {
            case LabelPrice.Close: raw = panel.Field("close"); break;
            case LabelPrice.Open: raw = panel.Field("open"); break;
            default:
                raw = panel.Field("close");
                amount = panel.Field("amount");
                break;
        }
        var result = new double[raw.Length];
        for (var k = 0; k < raw.Length; k++)
        {
            if (!(volume[k] > 0)) { result[k] = double.NaN; continue; }
            double p = amount is null ? raw[k] : (double)amount[k] / volume[k];
            if (amount is not null && !(amount[k] > 0)) p = double.NaN;
            result[k] = factor is null ? p : p * factor[k];
        }
        return result;
    }
}
