using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Factors;

namespace AlphaSharp.Tests.Factors.Expressions;

/// <summary>Hash-consing, constant folding and batch evaluation of the expression graph.</summary>
public class FactorGraphTests
{
    [Fact]
    public void EqualSubExpressionsAreOneNode()
    {
        var engine = new FactorEngine(FactorFixture.Data);
        var a = engine.Compile("Mean($close, 5)/$close");
        var b = engine.Compile("Std($close,5)/$close+Mean($close,5)");
        Assert.Same(a.Inputs[0], b.Inputs[1]);
        Assert.Same(a.Inputs[1], b.Inputs[0].Inputs[1]);
        Assert.Equal("Div(Mean($close,5),$close)", a.Text);
        Assert.Same(a, engine.Compile("Mean( $close ,5 ) / $close"));
    }

    [Fact]
    public void ConstantArithmeticIsFolded()
    {
        var engine = new FactorEngine(FactorFixture.Data);
        Assert.Equal(7f, engine.Compile("1+2*3").Constant);
        Assert.Equal(-8f, engine.Compile("-2**3").Constant);
        Assert.Equal(0.25f, engine.Compile("2**-2").Constant);
        Assert.Equal("Add($close,3)", engine.Compile("$close+(1+2)").Text);
    }

    [Fact]
    public void Alpha158SharesItsSubExpressions()
    {
        var engine = new FactorEngine(FactorFixture.Data);
        var roots = Alpha158.Set.Required.Select(f => engine.Compile(f.Expression)).ToList();
        var treeSize = roots.Sum(TreeSize);
        // Every Ref($close,1), $close, Abs($close-Ref($close,1)) ... is built once across the 158 formulas.
        Assert.True(engine.Graph.Nodes.Count * 3 < treeSize, $"{engine.Graph.Nodes.Count} nodes for {treeSize} tree nodes");
        Assert.Equal(158, roots.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void BatchEqualsOneAtATime()
    {
        var engine = new FactorEngine(FactorFixture.Data);
        var expressions = Alpha158.Set.Required.Take(60).Select(f => f.Expression).Append("Mean($close,5)/$close").ToList();
        var batch = engine.Evaluate(expressions);
        for (var k = 0; k < expressions.Count; k++)
            Assert.Equal(new FactorEngine(FactorFixture.Data).Evaluate(expressions[k]), batch[k]);
        Assert.NotSame(batch[expressions.IndexOf("Mean($close, 5)/$close")], batch[^1]);
    }

    [Fact]
    public void StreamingReportsProgressAndEveryRoot()
    {
        var engine = new FactorEngine(FactorFixture.Data);
        var seen = new List<int>();
        var progress = new List<(int, int)>();
        engine.Evaluate(["$close", "Ref($close,1)", "$close"], (k, v) => { seen.Add(k); Assert.Equal(FactorFixture.N * FactorFixture.T, v.Length); },
            progress: (d, t) => progress.Add((d, t)));
        Assert.Equal([0, 2, 1], seen);
        Assert.Equal([(1, 3), (2, 3), (3, 3)], progress);
    }

    private static int TreeSize(AlphaSharp.Factors.Expressions.ExprNode n) => 1 + n.Inputs.Sum(TreeSize);
}
