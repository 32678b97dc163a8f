using AlphaSharp.Data.Validation;
using AlphaSharp.Data;
using static AlphaSharp.Tests.Data.Validation.ValidationTestPanels;

namespace AlphaSharp.Tests.Data.Validation;

/// <summary>Each check fires on a crafted defect with the count and example worked out by hand, and stays quiet on clean data.</summary>
public sealed class ValidationChecksTests
{
    private static ValidationReport Run(MarketData data) => MarketValidator.Validate(data, "test");

    [Fact]
    public void A_clean_market_with_a_genuine_ex_dividend_day_gives_no_findings()
    {
        var data = Clean();
        var p = data.Panel;
        // SZ000001 goes ex-dividend on day 10: raw prices drop by 1/1.1 and the factor rises by 1.1 (adjusted flat).
        ScalePricesFrom(p, 1, 10, 1 / 1.1f);
        for (var t = 10; t < p.T; t++) p["factor", t, 1] = 1.65f;
        // SZ300001 goes ex-dividend while suspended: the fill price drops with the factor's rise, adjusted stays flat.
        Suspend(p, 2, 20, 25);
        for (var t = 22; t < p.T; t++) p["factor", t, 2] = 1.65f;
        ScalePricesFrom(p, 2, 22, 1 / 1.1f);
        // SH600000 lists on day 5 and stops after day 35: leading and trailing missing rows are not gaps.
        RemoveRows(p, 0, 0, 4);
        RemoveRows(p, 0, 36, 39);
        var report = Run(data);
        foreach (var c in report.Checks.Where(c => c.Ran))
            Assert.True(c.Count == 0, $"{c.Id}: {c.Count} finding(s), e.g. {c.Examples.FirstOrDefault()?.Text}");
        Assert.Equal(7, report.Checks.Count(c => c.Ran));
        Assert.Equal(0, report.Errors + report.Warnings);
    }

    [Fact]
    public void Ohlc_inconsistencies_are_found()
    {
        var data = Clean();
        data.Panel["high", 5, 0] = 10.19f;  // close that day is 10.2
        data.Panel["low", 6, 1] = 11.5f;    // high that day is 11.1
        var c = Run(data)[OhlcCheck.Id];
        Assert.Equal(2, c.Count);
        Assert.Contains(c.Examples, e => e.Text == "SH600000 2020-08-10: high 10.19 below close 10.2");
        Assert.Contains(c.Examples, e => e.Text == "SZ000001 2020-08-11: high 11.1 below low 11.5");
    }

    [Fact]
    public void Non_positive_prices_factors_and_negative_volumes_are_found()
    {
        var data = Clean();
        data.Panel["low", 3, 0] = 0;
        data.Panel["factor", 4, 1] = 0;
        data.Panel["volume", 7, 2] = -5;
        var c = Run(data)[NonPositivePriceCheck.Id];
        Assert.Equal(3, c.Count);
        Assert.Equal(["SH600000 2020-08-06: low = 0", "SZ000001 2020-08-07: factor = 0", "SZ300001 2020-08-12: volume = -5"],
            c.Examples.Select(e => e.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_factor_jump_without_a_raw_price_gap_is_found()
    {
        var data = Clean();
        for (var t = 20; t < data.Panel.T; t++) data.Panel["factor", t, 0] = 3f;
        var report = Run(data);
        var c = report[FactorJumpCheck.Id];
        Assert.Equal(1, c.Count);
        // close 10.1 -> 10.2 raw, factor 1.5 -> 3: adjusted 10.2 x 3 / (10.1 x 1.5) - 1 = +102.0 %.
        Assert.Equal("SH600000 2020-08-31: factor +100.0 % but raw close +1.0 %, so adjusted +102.0 % (limit 10 %)", c.Examples[0].Text);
        Assert.Equal(10.2 * 3 / (10.1 * 1.5) - 1, c.Examples[0].Magnitude, 5);
        Assert.Equal(0, report[LimitBreachCheck.Id].Count);
    }

    [Fact]
    public void A_factor_jump_on_a_suspended_day_with_a_flat_fill_is_found()
    {
        var data = Clean();
        Suspend(data.Panel, 0, 20, 25);   // flat at 10.1
        for (var t = 22; t < data.Panel.T; t++) data.Panel["factor", t, 0] = 2.25f;
        var report = Run(data);
        var c = report[FactorJumpCheck.Id];
        Assert.Equal("SH600000 2020-09-02: factor +50.0 % but raw close +0.0 %, so adjusted +50.0 % on a day without trading (limit 10 %)",
            Assert.Single(c.Examples).Text);
        Assert.Equal(0, report[ResumptionMoveCheck.Id].Count); // 10.1 x 2.25 -> 10.2 x 2.25 on day 26: +1 %
    }

    [Fact]
    public void Moves_beyond_the_board_limit_are_found_with_chinext_reform_dates()
    {
        var data = Clean();
        // SZ300001 +16 % on 2020-08-17 (ChiNext limit 10 % then) and again on 2020-09-07 (limit 20 % since 08-24).
        ScalePricesFrom(data.Panel, 2, 10, 1.15f);
        ScalePricesFrom(data.Panel, 2, 25, 1.15f);
        // STAR's limit is 20 %: +15 % is legal.
        ScalePricesFrom(data.Panel, 3, 10, 1.15f);
        var c = Run(data)[LimitBreachCheck.Id];
        Assert.Equal(1, c.Count);
        // close 12.0 -> 12.1 x 1.15 = 13.915: +15.96 %.
        Assert.StartsWith("SZ300001 2020-08-17: +16.0 % from 12 to 13.915", c.Examples[0].Text);
    }

    [Fact]
    public void Limits_follow_configurable_rules_and_unknown_boards_get_the_main_boards()
    {
        var data = Clean();
        ScalePricesFrom(data.Panel, 0, 10, 1.15f);   // SH600000 +16 %
        Assert.Equal(1, Run(data)[LimitBreachCheck.Id].Count);
        var wide = new ValidationOptions { Limits = PriceLimitRules.Default with { Main = 0.2 } };
        Assert.Equal(0, MarketValidator.Validate(data, "test", wide)[LimitBreachCheck.Id].Count);

        // A B share is on no board the rules know: held to the main board's 10 %, and the check still runs.
        var calendar = data.Calendar;
        var p = new Panel(calendar, ["SH900901"]);
        foreach (var f in data.Panel.FieldNames) p.SetField(f, data.Panel.Series(f, 0).ToArray());
        var c = MarketValidator.Validate(new MarketData(p), "b-share")[LimitBreachCheck.Id];
        Assert.StartsWith("SH900901 2020-08-17: +16.", Assert.Single(c.Examples).Text);
    }

    [Fact]
    public void Resumption_moves_after_suspensions_and_gaps_are_found_and_gaps_counted()
    {
        var data = Clean();
        var p = data.Panel;
        Suspend(p, 1, 10, 14);              // SZ000001 suspended 5 days at 11.0 ...
        ScalePricesFrom(p, 1, 15, 2f);      // ... and resumes at 22.0
        Suspend(p, 0, 30, 31);              // SH600000 resumes after 2 days with an ordinary move: not extreme
        RemoveRows(p, 3, 20, 22);           // SH688001 has no rows for 3 days (not marked suspended) ...
        ScalePricesFrom(p, 3, 23, 1.5f);    // ... then 13.1 -> 13.2 x 1.5 = 19.8

        var report = Run(data);
        var c = report[ResumptionMoveCheck.Id];
        Assert.Equal(2, c.Count);
        Assert.Equal("SZ000001 2020-08-24: +100.0 % adjusted, from 11 to 22 raw, after 5 day(s) without trading", c.Examples[0].Text);
        Assert.StartsWith("SH688001 2020-09-03: +51.1 % adjusted, from 13.1 to 19.8 raw, after 3 day(s) without trading", c.Examples[1].Text);

        var gaps = report[GapCheck.Id];
        Assert.Equal(3, gaps.Count);
        Assert.Equal("SH688001 2020-08-31..2020-09-02: 3 day(s) without a row", Assert.Single(gaps.Examples).Text);
        Assert.Equal(0, report[LimitBreachCheck.Id].Count);
    }

    [Fact]
    public void Members_without_any_price_data_are_listed_with_their_member_days()
    {
        var data = Clean();
        RemoveRows(data.Panel, 2, 0, data.Panel.T - 1);
        var cal = data.Calendar;
        data.Universe = new Universe("csi300", cal,
            data.Universe!.Spells.Append(new MembershipSpell("SH601299", cal[0], cal[9])));
        var c = Run(data)[MembersWithoutDataCheck.Id];
        Assert.Equal(2, c.Count);
        Assert.Equal(["SZ300001: 40 member-days, 2020-08-03..2020-09-25", "SH601299: 10 member-days, 2020-08-03..2020-08-14"],
            c.Examples.Select(e => e.Text));
    }

    [Fact]
    public void Checks_that_lack_their_fields_say_so_instead_of_passing()
    {
        var data = Clean();
        data.Panel.RemoveField("factor");
        data.Panel.RemoveField("volume");
        data.Universe = null;
        var report = Run(data);
        Assert.Equal("needs close and factor fields", report[FactorJumpCheck.Id].Skipped);
        Assert.Equal("needs close and volume fields", report[ResumptionMoveCheck.Id].Skipped);
        Assert.Equal("no membership in this store", report[MembersWithoutDataCheck.Id].Skipped);
        Assert.False(report[FileOrderChecks.DuplicatesId].Ran);
        Assert.True(report[OhlcCheck.Id].Ran);
    }

    [Fact]
    public void Examples_keep_the_largest_findings_and_the_count_keeps_them_all()
    {
        var found = new FindingCollector(2);
        foreach (var (m, name) in new[] { (1.0, "a"), (5.0, "b"), (3.0, "c"), (5.0, "d"), (0.5, "e") })
            found.Add(null, null, m, name);
        Assert.Equal(5, found.Count);
        Assert.Equal(["b", "d"], found.Examples().Select(e => e.Text));
    }
}
