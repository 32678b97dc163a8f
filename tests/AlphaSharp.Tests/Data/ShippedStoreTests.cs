using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data;

/// <summary>
/// The shipped CSI 300 store against rows picked from the source files (values copied from bars.csv.gz and worked by
/// hand) and against counts computed separately with pandas from the source CSVs.
/// </summary>
public class ShippedStoreTests
{
    private static readonly MarketData Data = ShippedStore.Data;
    private static Panel P => Data.Panel;

    private static int T(string day) => P.Calendar.IndexOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
    private static int I(string symbol) => P.IndexOf(symbol);

    [Fact]
    public void Shape_matches_the_source()
    {
        Assert.Equal(696, P.N);
        Assert.Equal(2917, P.T);
        Assert.Equal(new DateOnly(2011, 1, 4), P.Calendar.First);
        Assert.Equal(new DateOnly(2022, 12, 30), P.Calendar.Last);
        Assert.Equal(["open", "high", "low", "close", "volume", "amount", "factor", "pe_ttm", "pb", "ps_ttm", "total_mv", "float_mv", "float_share", "turnover"],
            P.FieldNames);
        var u = Data.Universe!;
        Assert.All(Enumerable.Range(0, P.T), t => Assert.Equal(300, u.CountOn(t)));
        Assert.Equal(846, u.Spells.Count);
        Assert.Equal(36, u.Symbols.Count(s => !P.TryIndexOf(s, out _)));
        Assert.Equal("SH000300", Data.Benchmark!.Symbol);
        Assert.Equal(3189.68f, Data.Benchmark.Close[0]); // benchmark.csv.gz line 2
        Assert.Equal("银行", Data.Industry["SH600000"]);
    }

    [Theory]
    // bars.csv.gz rows: (date, symbol, close, factor); adjusted close worked by hand.
    [InlineData("2011-01-04", "SH600000", 12.61f, 3.89093f, 49.0646273)]   // 12.61 x 3.89093
    [InlineData("2015-06-01", "SZ000001", 15.90f, 92.8951f, 1477.03209)]   // 15.90 x 92.8951
    [InlineData("2022-12-30", "SZ300750", 393.42f, 1.00541f, 395.5484022)] // 393.42 x 1.00541
    public void Adjusted_close_is_raw_close_times_factor(string day, string symbol, float rawClose, float factor, double handAdjusted)
    {
        Assert.Equal(rawClose, P["close", T(day), I(symbol)]);
        Assert.Equal(factor, P["factor", T(day), I(symbol)]);
        var adjusted = AdjustedPrices.At(P, "close", T(day), I(symbol));
        Assert.Equal(handAdjusted, adjusted, handAdjusted * 1e-6);
        Assert.Equal(adjusted, AdjustedPrices.Of(P, "close")[I(symbol) * P.T + T(day)]);
    }

    [Fact]
    public void A_suspended_day_is_not_tradable()
    {
        // bars.csv.gz: 2011-04-28,SH600000,14.62,14.62,14.62,14.62,0,0,3.89093 (a flat fill with volume 0).
        var (t, i) = (T("2011-04-28"), I("SH600000"));
        Assert.Equal(0f, P["volume", t, i]);
        Assert.Equal(14.62f, P["close", t, i]);
        Assert.False(Tradability.IsTradable(P, t, i));
        Assert.True(Tradability.IsTradable(P, T("2011-04-27"), i));
        Assert.False(Tradability.Mask(P)[i * P.T + t]);
    }

    [Fact]
    public void ChiNext_limit_is_20_percent_in_2021()
    {
        // SZ300146: 2021-03-05 close 23.40, 2021-03-08 close 28.08, factor unchanged: 23.40 x 1.2 = 28.08, a limit-up close.
        var (t, i) = (T("2021-03-08"), I("SZ300146"));
        Assert.Equal(0.20, PriceLimitRules.Default.LimitFraction(Boards.Of("SZ300146"), P.Calendar[t]));
        Assert.True(PriceLimits.TryLimitPrices(P, t, i, PriceLimitRules.Default, out var limits));
        Assert.Equal((28.08, 18.72), (limits.Up, limits.Down)); // 23.40 x 0.8 = 18.72
        Assert.Equal(LimitStatus.LimitUp, PriceLimits.StatusAt(P, t, i, PriceLimitRules.Default));
    }

    [Fact]
    public void ChiNext_limit_is_10_percent_in_2019()
    {
        // SZ300014: 2019-03-29 close 24.38, 2019-04-01 close 26.82 = round(24.38 x 1.1 = 26.818): limit up at 10 %.
        var (t, i) = (T("2019-04-01"), I("SZ300014"));
        Assert.Equal(0.10, PriceLimitRules.Default.LimitFraction(Boards.Of("SZ300014"), P.Calendar[t]));
        Assert.True(PriceLimits.TryLimitPrices(P, t, i, PriceLimitRules.Default, out var limits));
        Assert.Equal((26.82, 21.94), (limits.Up, limits.Down)); // 24.38 x 0.9 = 21.942
        Assert.Equal(LimitStatus.LimitUp, PriceLimits.StatusAt(P, t, i, PriceLimitRules.Default));
        // SZ300002: 2019-04-30 close 4.46, 2019-05-06 close 4.01 = round(4.46 x 0.9 = 4.014): limit down.
        Assert.Equal(LimitStatus.LimitDown, PriceLimits.StatusAt(P, T("2019-05-06"), I("SZ300002"), PriceLimitRules.Default));
        // Under the post-reform 20 % rule the same 2019 close would be an ordinary day.
        var allTwenty = PriceLimitRules.Default with { ChiNextBeforeReform = 0.20 };
        Assert.Equal(LimitStatus.Normal, PriceLimits.StatusAt(P, t, i, allTwenty));
    }

    [Fact]
    public void Limit_reference_is_adjusted_for_an_ex_rights_day()
    {
        // SH600000 2017-05-25: previous close 15.47 at factor 7.12879, today's factor 9.38573, close 12.93.
        // Reference 15.47 x 7.12879 / 9.38573 = 11.75001; x 1.1 = 12.92501 -> 12.93: the close is at the limit.
        var (t, i) = (T("2017-05-25"), I("SH600000"));
        Assert.True(PriceLimits.TryLimitPrices(P, t, i, PriceLimitRules.Default, out var limits));
        Assert.Equal(11.75001, limits.Reference, 1e-4);
        Assert.Equal(12.93, limits.Up);
        Assert.Equal(LimitStatus.LimitUp, PriceLimits.StatusAt(P, t, i, PriceLimitRules.Default));
    }

    [Fact]
    public void Listing_age_counts_from_the_first_row()
    {
        // SH600941 has 241 rows, 2022-01-05 .. 2022-12-30 (pandas): age 0 on its first day, 240 on the last.
        var i = I("SH600941");
        Assert.Equal(-1, ListingAge.At(P, T("2022-01-04"), i));
        Assert.Equal(0, ListingAge.At(P, T("2022-01-05"), i));
        Assert.Equal(240, ListingAge.At(P, T("2022-12-30"), i));
    }

    [Theory]
    // Member-days with a value over 875,100 member-days (300 x 2917), counted with pandas from the source CSVs.
    [InlineData("close", 837789)]
    [InlineData("amount", 837789)]
    [InlineData("pe_ttm", 407018)]
    [InlineData("total_mv", 749343)]
    [InlineData("turnover", 805602)]
    public void Coverage_is_the_share_of_member_days_with_a_value(string field, int memberDaysWithValue)
    {
        Assert.Equal(875100, FieldCoverage.MemberDays(Data.Universe!, P.T));
        Assert.Equal(memberDaysWithValue / 875100.0, FieldCoverage.Of(Data, field), 12);
    }

    [Fact]
    public void Limit_day_counts_match_a_pandas_reference()
    {
        // pandas, from bars.csv.gz with close and factor cast to float32: reference = previous close x previous factor /
        // factor where the previous trading day has a row; limits floor(x * 100 + 0.5) / 100 at 10 % (ChiNext 20 % from
        // 2020-08-24, STAR 20 %); a close within half a cent of a limit is at it. 18,072 limit-up and 9,043 limit-down
        // closes out of 1,754,050 stock-days that have a previous row.
        var status = PriceLimits.Status(P);
        Assert.Equal(18_072, status.Count(s => s == LimitStatus.LimitUp));
        Assert.Equal(9_043, status.Count(s => s == LimitStatus.LimitDown));
        Assert.Equal(1_754_050, status.Count(s => s != LimitStatus.Unknown));
        // The whole-panel pass agrees with the one-cell query everywhere it is asked (every 97th cell).
        for (var k = 0; k < status.Length; k += 97)
            Assert.Equal(PriceLimits.StatusAt(P, k % P.T, k / P.T, PriceLimitRules.Default), status[k]);
    }
}
