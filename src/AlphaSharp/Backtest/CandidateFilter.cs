using AlphaSharp.Common;
namespace AlphaSharp.Backtest;

/// <summary>
/// Which stocks a strategy may open or add to on decision day t, judged on what is known at t's close:
/// a universe member that day (point-in-time), traded that day (not suspended), not closing at its limit-up or
/// limit-down price, and listed at least <see cref="MinListingDays"/> trading days (a stock already in the data on
/// its first day counts as long listed). Holdings are never forced out by a filter; the strategy decides.
/// </summary>
public sealed record CandidateFilter(bool UniverseOnly, bool ExcludeSuspended, bool ExcludeLimitHit, int MinListingDays)
{
    public static CandidateFilter Default { get; } = new(true, true, true, 60);
    public static CandidateFilter None { get; } = new(false, false, false, 0);

    public void Validate()
    {
        if (MinListingDays < 0) throw new SettingException($"{new SettingName("min_listing_days")} {MinListingDays}: must be 0 or more");
    }

    /// <summary>Fills <paramref name="eligible"/> (length N) for decision day t.</summary>
    public void Apply(MarketView m, int t, Span<bool> eligible)
    {
        var n = m.N;
        var row = t * n;
        for (var i = 0; i < n; i++)
        {
            var k = row + i;
            var ok = !UniverseOnly || m.Member[k];
            if (ok && ExcludeSuspended) ok = m.Tradable[k];
            if (ok && ExcludeLimitHit && double.IsFinite(m.LimitUp[k]))
            {
                // Half a cent of tolerance also absorbs float32's error in the stored close.
                double c = m.Close[k];
                ok = !(c >= m.LimitUp[k] - 0.005 || c <= m.LimitDown[k] + 0.005);
            }
            if (ok && MinListingDays > 0) ok = m.ListingAge(t, i) >= MinListingDays;
            eligible[i] = ok;
        }
    }
}
