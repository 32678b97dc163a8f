using AlphaSharp.Common;
using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Evaluation.MultiFactor;

namespace AlphaSharp.Tests.Common;

/// <summary>The one parser and checker of each setting kind: every bad input is one <see cref="SettingException"/> with the one message.</summary>
public class SettingParsersTests
{
    [Fact]
    public void Horizons_are_read_from_text_and_from_a_list()
    {
        Assert.Equal([1, 5, 10, 20], SettingParsers.Horizons("1,5,10,20"));
        Assert.Equal([5, 15], SettingParsers.Horizons(" 5 , 15 "));
        Assert.Equal([5, 15, 30], SettingParsers.Horizons(["5", "15", "30"]));
    }

    public static TheoryData<string, string> BadHorizonTexts() => new()
    {
        { "", "horizons: give at least one horizon, e.g. 1,5,10,20" },
        { " , ", "horizons: give at least one horizon, e.g. 1,5,10,20" },
        { "1,0,5", "horizons 1,0,5: '0' is not a horizon; use whole trading days of 1 or more" },
        { "1,-5", "horizons 1,-5: '-5' is not a horizon; use whole trading days of 1 or more" },
        { "1,2.5", "horizons 1,2.5: '2.5' is not a horizon; use whole trading days of 1 or more" },
        { "1,five", "horizons 1,five: 'five' is not a horizon; use whole trading days of 1 or more" },
        { "5,10,5", "horizons 5,10,5: 5 repeats; give each horizon once" },
    };

    [Theory]
    [MemberData(nameof(BadHorizonTexts))]
    public void A_bad_horizons_text_is_one_message_naming_the_setting(string text, string expected)
    {
        var e = Assert.Throws<SettingException>(() => SettingParsers.Horizons(text));
        Assert.Equal(expected, e.Message);
        Assert.Equal("horizons", e.Setting);
    }

    [Fact]
    public void A_yaml_item_that_is_no_single_value_is_not_a_horizon()
    {
        Assert.Equal("horizons 5,: '' is not a horizon; use whole trading days of 1 or more",
            Assert.Throws<SettingException>(() => SettingParsers.Horizons(["5", null])).Message);
    }

    [Fact]
    public void Both_owners_of_a_horizons_setting_check_it_with_the_parsers_messages()
    {
        // The same bad lists, set in code, fail each options record's Validate with the text parser's message.
        foreach (var (horizons, text) in new (int[], string)[] { ([], ""), ([1, 0, 5], "1,0,5"), ([5, 10, 5], "5,10,5") })
        {
            var expected = Assert.Throws<SettingException>(() => SettingParsers.Horizons(text)).Message;
            Assert.Equal(expected, Assert.Throws<SettingException>(() => new FactorEvalOptions { Horizons = horizons }.Validate()).Message);
            Assert.Equal(expected, Assert.Throws<SettingException>(() => new MultiFactorOptions { Horizons = horizons }.Validate()).Message);
        }
        new FactorEvalOptions().Validate();
        new MultiFactorOptions().Validate();
    }

    [Fact]
    public void Dates_numbers_and_whole_numbers_name_the_setting()
    {
        Assert.Equal(new DateOnly(2021, 1, 5), SettingParsers.Date("start", "2021-01-05"));
        Assert.Null(SettingParsers.OptionalDate("start", null));
        Assert.Equal("start 2021/01/05: not a date; use YYYY-MM-DD", Assert.Throws<SettingException>(() => SettingParsers.Date("start", "2021/01/05")).Message);
        Assert.Equal("end 2021-02-30: not a date; use YYYY-MM-DD", Assert.Throws<SettingException>(() => SettingParsers.OptionalDate("end", "2021-02-30")).Message);
        Assert.Equal(-0.5, SettingParsers.Number("min_abs_ic", "-0.5"));
        Assert.Equal("min_abs_ic: 'lots' is not a number", Assert.Throws<SettingException>(() => SettingParsers.Number("min_abs_ic", "lots")).Message);
        Assert.Equal(5, SettingParsers.Whole("layers", "5"));
        Assert.Equal("layers: '2.5' is not a whole number", Assert.Throws<SettingException>(() => SettingParsers.Whole("layers", "2.5")).Message);
    }

    [Fact]
    public void A_range_is_closed_at_both_ends()
    {
        Assert.Equal(0, SettingParsers.InRange("commission", 0, 0, 0.1));
        Assert.Equal(0.1, SettingParsers.InRange("commission", 0.1, 0, 0.1));
        Assert.Equal("commission -0.1: must be between 0 and 0.1", Assert.Throws<SettingException>(() => SettingParsers.InRange("commission", -0.1, 0, 0.1)).Message);
        Assert.Equal("commission 0.11: must be between 0 and 0.1", Assert.Throws<SettingException>(() => SettingParsers.InRange("commission", 0.11, 0, 0.1)).Message);
        Assert.Throws<SettingException>(() => SettingParsers.InRange("commission", double.NaN, 0, 0.1));
    }
}
