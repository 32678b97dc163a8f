namespace AlphaSharp.Data.Validation;

/// <summary>
/// One step of a stock's price history: from the previous row that has a close (<see cref="From"/>) to the next
/// (<see cref="To"/>), with raw and adjusted returns and what the rows say about trading.
/// </summary>
public readonly record struct DailyStep(
    int Instrument,
    int From,
    int To,
    int RowsBefore,
    double RawClose0,
    double RawClose1,
    double Factor0,
    double Factor1,
    bool Traded0,
    bool Traded1)
{
    public double RawReturn => RawClose1 / RawClose0 - 1;
    public double AdjustedReturn => RawClose1 * Factor1 / (RawClose0 * Factor0) - 1;
    public bool FactorChanged => Math.Abs(Factor1 / Factor0 - 1) > 1e-6;
    /// <summary>Both days traded, back to back, and past the listing days: the daily limit applies.</summary>
    public bool Ordinary(int listingDays) => To == From + 1 && Traded0 && Traded1 && RowsBefore >= listingDays;
}

/// <summary>Walks every stock's consecutive rows with a close. Without a factor field the factor is 1; without volume every row counts as traded.</summary>
public static class DailySteps
{
    public static IEnumerable<DailyStep> Of(Panel p)
    {
        var close = p.Field("close");
        var factor = p.HasField("factor") ? p.Field("factor") : null;
        var volume = p.HasField("volume") ? p.Field("volume") : null;
        for (var i = 0; i < p.N; i++)
        {
            var prev = -1;
            var rows = 0;
            for (var t = 0; t < p.T; t++)
            {
                var k = i * p.T + t;
                if (float.IsNaN(close[k])) continue;
                if (prev >= 0)
                {
                    var k0 = i * p.T + prev;
                    var f0 = factor is null ? 1 : factor[k0];
                    var f1 = factor is null ? 1 : factor[k];
                    if (!float.IsNaN(f0) && !float.IsNaN(f1))
                        yield return new DailyStep(i, prev, t, rows, close[k0], close[k], f0, f1,
                            volume is null || volume[k0] > 0, volume is null || volume[k] > 0);
                }
                prev = t;
                rows++;
            }
        }
    }

    internal static string Percent(double r) => (r >= 0 ? "+" : "") + (100 * r).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
