using AlphaSharp.Backtest;

namespace AlphaSharp.Tests.Data;

/// <summary>A market restricted to a few symbols keeps exactly their series, spells and industries, and trades the same.</summary>
public sealed class MarketSubsetTests
{
    [Fact]
    public void A_subset_holds_the_same_series_membership_and_trading_rules_for_its_symbols()
    {
        var data = ShippedStore.Data;
        string[] symbols = ["SZ000001", "SH600519", "SZ300750"];
        var only = data.Only(symbols);
        Assert.Equal(symbols, only.Panel.Symbols);
        Assert.Equal(data.Calendar.Count, only.Calendar.Count);
        Assert.Equal(data.Panel.FieldNames, only.Panel.FieldNames);
        foreach (var field in data.Panel.FieldNames)
            for (var k = 0; k < symbols.Length; k++)
                Assert.Equal(data.Panel.Series(field, data.Panel.IndexOf(symbols[k])).ToArray(), only.Panel.Series(field, k).ToArray());
        var full = data.Universe!.MaskFor(data.Panel);
        var part = only.Universe!.MaskFor(only.Panel);
        var T = data.Calendar.Count;
        for (var k = 0; k < symbols.Length; k++)
            Assert.Equal(full.AsSpan(data.Panel.IndexOf(symbols[k]) * T, T).ToArray(), part.AsSpan(k * T, T).ToArray());
        Assert.Equal(symbols.Order(), only.Industry.Keys.Order());

        // The backtester's view of a subset stock is the full market's: limits, tradability and the adjustment factor.
        var a = MarketView.From(data);
        var b = MarketView.From(only);
        var i = data.Panel.IndexOf("SZ300750");
        for (var t = 0; t < T; t++)
        {
            Assert.Equal(a.LimitUp[t * a.N + i], b.LimitUp[t * b.N + 2]);
            Assert.Equal(a.Tradable[t * a.N + i], b.Tradable[t * b.N + 2]);
            Assert.Equal(a.Factor[t * a.N + i], b.Factor[t * b.N + 2]);
        }
        Assert.Throws<AlphaSharp.Common.InputException>(() => data.Only(["SZ999999"]));
    }
}
