using AlphaSharp.Backtest;
using AlphaSharp.Common;
using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Factors.Labels;

namespace AlphaSharp.Tests.Common;

public class SettingChoicesTests
{
    [Fact]
    public void A_table_parses_names_lists_them_and_names_defaults()
    {
        Assert.Equal(["close", "open", "vwap"], FactorEvalOptions.PriceChoices.Names);
        Assert.Equal(LabelPrice.Vwap, FactorEvalOptions.PriceChoices.Parse("price", "vwap"));
        Assert.Equal(EvalLabel.StyleNeutral, FactorEvalOptions.LabelChoices.Parse("label", "neutral"));
        Assert.Equal("return", FactorEvalOptions.LabelChoices.NameOf(new FactorEvalOptions().Label));
        Assert.Equal("open", BacktestOptions.PriceChoices.NameOf(new BacktestOptions().Price));
        Assert.False(SettingParsers.TrueFalse.Parse("pass_all_horizons", "false"));
    }

    [Fact]
    public void An_unknown_name_lists_the_alternatives()
    {
        var e = Assert.Throws<SettingException>(() => BacktestOptions.PriceChoices.Parse("price", "Open"));
        Assert.Equal("price: 'Open' is not open, close or vwap", e.Message);
        Assert.Equal("pass_all_horizons: 'yes' is not true or false",
            Assert.Throws<SettingException>(() => SettingParsers.TrueFalse.Parse("pass_all_horizons", "yes")).Message);
    }
}
