using System.Globalization;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors.Expressions;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Factors.Output;
using AlphaSharp.Factors;

namespace AlphaSharp.Tests.Factors.Output;

/// <summary>What `factor compute` writes: requests, the members CSV and the feature store.</summary>
public class FeatureOutputTests
{
    [Fact]
    public void RequestExpandsSetsNamesExpressionsAndListsUnavailable()
    {
        var engine = new FactorEngine(FactorFixture.Data);
        var r = FeatureRequest.Parse(["technical", "mom=$close/Ref($close,5)-1", "$close==$open", "paper001"], engine);
        Assert.Equal(16 + 1 + 1 + 1, r.Features.Count);
        Assert.Contains(new Feature("mom", "$close/Ref($close,5)-1"), r.Features);
        Assert.Contains(new Feature("$close==$open", "$close==$open"), r.Features);
        Assert.Equal(["paper001:pb", "paper001:pe", "paper001:ps", "paper001:float_mv"], r.Unavailable.Select(u => u.Name));
        Assert.Throws<ExpressionException>(() => FeatureRequest.Parse(["x=Mean($close)"], engine));
        var dup = Assert.Throws<InputException>(() => FeatureRequest.Parse(["a=$close", "a=$open"], engine));
        Assert.Equal("feature name 'a' is requested twice; name one of them with NAME=EXPR", dup.Message);
    }

    [Fact]
    public void CsvHasMemberRowsDateMajorAndRoundTripsFloats()
    {
        var engine = new FactorEngine(FactorFixture.Data);
        Feature[] features = [new("ret", "$close/Ref($close,1)-1"), new("Mean($a,3)", "Mean($a,3)")];
        var table = FeatureTable.Compute(engine, features, engine.Mask!);
        var writer = new StringWriter();
        table.WriteCsv(writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,symbol,ret,\"Mean($a,3)\"", lines[0]);
        Assert.Equal(engine.Mask!.Count(m => m), lines.Length - 1);
        var expected = engine.Evaluate(features.Select(f => f.Expression).ToList());
        const int T = FactorFixture.T;
        var previous = (Date: "", Symbol: "");
        foreach (var line in lines.Skip(1))
        {
            var p = line.Split(',');
            var t = FactorFixture.Calendar.IndexOf(DateOnly.ParseExact(p[0], "yyyy-MM-dd", CultureInfo.InvariantCulture));
            var i = int.Parse(p[1][1..], CultureInfo.InvariantCulture);
            Assert.True(engine.Mask![i * T + t], $"{p[0]} {p[1]} is not a member");
            Assert.True(string.CompareOrdinal(p[0] + p[1], previous.Date + previous.Symbol) > 0, "rows are not date-major");
            previous = (p[0], p[1]);
            for (var k = 0; k < features.Length; k++)
            {
                var v = expected[k][i * T + t];
                if (float.IsNaN(v)) Assert.Equal("", p[2 + k]);
                else Assert.Equal(v, float.Parse(p[2 + k], CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void FeatureStoreLoadsBackWithTheSameBits()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-featurestore-{Guid.NewGuid():N}");
        try
        {
            var engine = new FactorEngine(FactorFixture.Data);
            var features = Alpha158.Set.Required.Take(12).ToList();
            FeatureStore.Save(engine, features, dir);
            var back = MarketStore.Load(dir);
            Assert.Equal(features.Select(f => f.Name), back.Panel.FieldNames);
            for (var k = 0; k < features.Count; k++)
                Assert.Equal(engine.Evaluate(features[k].Expression), back.Panel.Field(features[k].Name));
            Assert.Contains("feature KMID = ($close-$open)/$open", back.Provenance);
            Assert.Equal(FactorFixture.Data.Universe!.Spells.Count, back.Universe!.Spells.Count);
            var again = Assert.Throws<InputException>(() => FeatureStore.Save(engine, features, dir));
            Assert.EndsWith("already exists; choose a new output directory (nothing was overwritten)", again.Message);
            var badName = Assert.Throws<InputException>(() => FeatureStore.Save(engine, [new Feature("Mean($a,3)", "Mean($a,3)")], dir + "-x"));
            Assert.Equal("feature 'Mean($a,3)' cannot be a stored field name (1-64 letters, digits, '_' or '-'); name it: NAME=Mean($a,3)", badName.Message);
            Assert.False(Directory.Exists(dir + "-x"));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
