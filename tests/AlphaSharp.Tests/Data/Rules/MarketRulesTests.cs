using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Rules;

/// <summary>Boards, price limits, suspension and listing age on small hand-made panels.</summary>
public class MarketRulesTests
{
    [Theory]
    [InlineData("SH600000", Board.Main)]
    [InlineData("SH603288", Board.Main)]
    [InlineData("SZ000001", Board.Main)]
    [InlineData("SZ002594", Board.Main)]
    [InlineData("SZ300750", Board.ChiNext)]
    [InlineData("SZ301269", Board.ChiNext)]
    [InlineData("SH688981", Board.Star)]
    [InlineData("BJ830799", Board.Beijing)]
    public void Board_comes_from_the_symbol(string symbol, Board board) => Assert.Equal(board, Boards.Of(symbol));

    [Theory]
    [InlineData("SH000300")]
    [InlineData("SZ200002")]
    [InlineData("SH60000")]
    [InlineData("600000")]
    public void Symbol_on_no_known_board_is_an_error(string symbol) =>
        Assert.StartsWith($"symbol {symbol}: not an A-share on a known board", Assert.Throws<InputException>(() => Boards.Of(symbol)).Message);

    [Fact]
    public void ChiNext_limit_is_10_percent_before_the_2020_reform_and_20_after()
    {
        var rules = PriceLimitRules.Default;
        Assert.Equal(0.10, rules.LimitFraction("SZ300750", new DateOnly(2019, 6, 3)));
        Assert.Equal(0.10, rules.LimitFraction("SZ300750", new DateOnly(2020, 8, 21)));
        Assert.Equal(0.20, rules.LimitFraction("SZ300750", new DateOnly(2020, 8, 24)));
        Assert.Equal(0.20, rules.LimitFraction("SZ300750", new DateOnly(2021, 6, 1)));
        Assert.Equal(0.10, rules.LimitFraction("SH600000", new DateOnly(2021, 6, 1)));
        Assert.Equal(0.20, rules.LimitFraction("SH688981", new DateOnly(2019, 8, 1)));
        var custom = rules with { Main = 0.05 };
        Assert.Equal(0.05, custom.LimitFraction("SZ000001", new DateOnly(2021, 6, 1)));
    }

    /// <summary>One stock over three days with the given closes, factors and volumes.</summary>
    private static Panel OneStock(string symbol, DateOnly first, float[] close, float[] factor, float[] volume)
    {
        var panel = new Panel(new Calendar(Enumerable.Range(0, close.Length).Select(k => first.AddDays(k))), [symbol]);
        panel.SetField("close", close);
        panel.SetField("factor", factor);
        panel.SetField("volume", volume);
        return panel;
    }

    [Fact]
    public void Close_at_the_rounded_limit_is_flagged_and_one_tick_below_is_not()
    {
        // 11.55 x 1.1 = 12.705 -> 12.71 (half up to the cent); 11.55 x 0.9 = 10.395 -> 10.40.
        var panel = OneStock("SH600000", new DateOnly(2021, 3, 1), [11.55f, 12.71f, 11.55f, 12.70f, 11.43f, 10.50f],
            [1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1]);
        Assert.True(PriceLimits.TryLimitPrices(panel, 1, 0, PriceLimitRules.Default, out var limits));
        Assert.Equal((11.55, 12.71, 10.40), (Math.Round(limits.Reference, 6), limits.Up, limits.Down));
        var status = PriceLimits.Status(panel);
        // day 2: 12.71 -> 11.55 is -9.1 %, above 12.71 x 0.9 = 11.439 -> 11.44; day 4: 12.70 x 0.9 = 11.43 exactly.
        Assert.Equal([LimitStatus.Unknown, LimitStatus.LimitUp, LimitStatus.Normal, LimitStatus.Normal, LimitStatus.LimitDown, LimitStatus.Normal],
            status);
    }

    [Fact]
    public void Reference_price_follows_an_ex_rights_factor_change()
    {
        // A 10-for-10 bonus issue: the factor doubles and the raw price halves. Yesterday's 20.00 is 10.00 on
        // today's share basis (20 x 1 / 2), so the limit up is 11.00, not 22.00.
        var panel = OneStock("SZ000001", new DateOnly(2021, 3, 1), [20.00f, 11.00f], [1f, 2f], [5, 5]);
        Assert.True(PriceLimits.TryLimitPrices(panel, 1, 0, PriceLimitRules.Default, out var limits));
        Assert.Equal((10.0, 11.0, 9.0), (limits.Reference, limits.Up, limits.Down));
        Assert.Equal(LimitStatus.LimitUp, PriceLimits.StatusAt(panel, 1, 0, PriceLimitRules.Default));
    }

    [Fact]
    public void No_limit_on_the_first_row_or_a_missing_day()
    {
        var panel = OneStock("SZ300750", new DateOnly(2021, 3, 1), [float.NaN, 50f, float.NaN, 60f], [1, 1, float.NaN, 1], [0, 1, float.NaN, 1]);
        Assert.Equal([LimitStatus.Unknown, LimitStatus.Unknown, LimitStatus.Unknown, LimitStatus.Unknown], PriceLimits.Status(panel));
    }

    [Fact]
    public void Suspended_and_absent_days_are_not_tradable()
    {
        var panel = OneStock("SH600000", new DateOnly(2021, 3, 1), [10, 10, 10, float.NaN], [1, 1, 1, float.NaN], [100, 0, 5, float.NaN]);
        Assert.Equal([true, false, true, false], Enumerable.Range(0, 4).Select(t => Tradability.IsTradable(panel, t, 0)));
        Assert.Equal([true, false, true, false], Tradability.Mask(panel));
    }

    [Fact]
    public void Listing_age_counts_trading_days_from_the_first_row_including_suspensions()
    {
        var panel = OneStock("SH600000", new DateOnly(2021, 3, 1), [float.NaN, float.NaN, 10, 10, 11], [1, 1, 1, 1, 1], [0, 0, 9, 0, 9]);
        Assert.Equal(2, ListingAge.FirstRow(panel, 0));
        Assert.Equal([-1, -1, 0, 1, 2], ListingAge.All(panel));
        Assert.Equal(2, ListingAge.At(panel, 4, 0));
    }

    [Fact]
    public void Adjusted_price_is_raw_times_factor_in_double_then_float()
    {
        var panel = OneStock("SH600000", new DateOnly(2021, 3, 1), [12.61f, float.NaN], [3.89093f, 2f], [1, 1]);
        var adjusted = AdjustedPrices.Of(panel, "close");
        Assert.Equal((float)(12.61f * (double)3.89093f), adjusted[0]);
        Assert.True(float.IsNaN(adjusted[1]));
    }
}
