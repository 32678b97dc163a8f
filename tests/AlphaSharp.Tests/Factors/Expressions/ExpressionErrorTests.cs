using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors.Expressions;
using AlphaSharp.Factors;

namespace AlphaSharp.Tests.Factors.Expressions;

/// <summary>Malformed expressions end in one line naming line:column and what is wrong.</summary>
public class ExpressionErrorTests
{
    private static readonly FactorEngine Engine = new(FactorFixture.Data);

    [Theory]
    [InlineData("Meen($close,5)", "expression:1:1: unknown operator 'Meen' (did you mean 'Mean'?)")]
    [InlineData("Corr($close, Log($volume+1), 10)/Meen($close,5)", "expression:1:34: unknown operator 'Meen' (did you mean 'Mean'?)")]
    [InlineData("Foo($close)", "expression:1:1: unknown operator 'Foo'")]
    [InlineData("Mean($close)", "expression:1:1: Mean takes 2 arguments (Mean(feature, window)), got 1")]
    [InlineData("Rank($close,5,1)", "expression:1:1: Rank takes 2 or 1 arguments (Rank(feature, window) or Rank(feature)), got 3")]
    [InlineData("Mean($close,5", "expression:1:5: '(' of Mean is never closed")]
    [InlineData("(Mean($close,5)", "expression:1:1: '(' is never closed")]
    [InlineData("Mean($close,5))", "expression:1:15: ')' has no matching '('")]
    [InlineData("Ref($close,-5)/$close", "expression:1:12: Ref(..., -5) reads 5 days ahead; future references are allowed only in labels")]
    [InlineData("Mean(Delta($close,-1),5)", "expression:1:19: Delta(..., -1) reads 1 day ahead; future references are allowed only in labels")]
    [InlineData("Mean($close,2.5)", "expression:1:13: window of Mean must be a whole number of days >= 0, got 2.5")]
    [InlineData("Skew($close,2)", "expression:1:13: window of Skew must be at least 3 days (or 0 for expanding), got 2")]
    [InlineData("ts_mean($close,0)", "expression:1:16: window of ts_mean must be at least 1 day, got 0")]
    [InlineData("Mean($close,$volume)", "expression:1:13: argument 2 of Mean must be a number literal (Mean(feature, window))")]
    [InlineData("Ref($close,0)", "expression:1:12: Ref(..., 0) is not accepted: Qlib reads it as the first value of the loaded range, which depends on where loading starts")]
    [InlineData("$close>1>0", "expression:1:9: chained comparison '> ... >'; add parentheses and combine with & or |")]
    [InlineData("$close+", "expression:1:8: expression ends where an operand was expected")]
    [InlineData("$close # 2", "expression:1:8: unexpected character '#'")]
    [InlineData("close/2", "expression:1:1: 'close' is not a field or a call; fields start with '$' ($close), operators take arguments (close(...))")]
    [InlineData("Mean($close 5)", "expression:1:13: expected ',' or ')' in the arguments of Mean, found '5'")]
    [InlineData("EMA($close,0)", "expression:1:12: EMA needs a span >= 1 or an alpha in (0, 1), got 0")]
    [InlineData("$close+$industry", "expression:1:8: $industry is a category, usable only as an exposure of CSNeutralize(feature, ..., $industry)")]
    [InlineData("", "expression:1:1: empty expression")]
    [InlineData("Mean($close,5)\n+Meen($close,5)", "expression:2:2: unknown operator 'Meen' (did you mean 'Mean'?)")]
    public void ErrorNamesTheColumn(string expression, string message)
    {
        var e = Assert.Throws<ExpressionException>(() => Engine.Compile(expression));
        Assert.Equal(message, e.Message);
        Assert.IsAssignableFrom<InputException>(e);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void UnknownFieldSuggestsAndListsFields()
    {
        var e = Assert.Throws<ExpressionException>(() => Engine.Compile("Mean($clsoe, 5)"));
        Assert.StartsWith("expression:1:6: unknown field '$clsoe' (did you mean '$close'?); fields: $open, $high, $low, $close, $vwap, $volume", e.Message);
        Assert.Equal(6, e.Column);
    }

    [Fact]
    public void LabelsMayReadTheFuture()
    {
        var node = Engine.Compile("Ref($close,-5)/$close-1", ExpressionRole.Label);
        Assert.Equal(5, node.Lookahead);
        Assert.Equal(0, Engine.Compile("Ref($close,5)/$close").Lookahead);
    }
}
