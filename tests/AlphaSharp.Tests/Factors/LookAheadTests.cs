using AlphaSharp.Data;
using AlphaSharp.Factors.Expressions;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Factors;

namespace AlphaSharp.Tests.Factors;

/// <summary>
/// No look-ahead: every feature at date t is bit-identical when every value after t is perturbed (prices scaled,
/// volumes changed, values deleted, membership after t reshuffled). A label, which does read the future, changes:
/// the check can fail.
/// </summary>
public class LookAheadTests
{
    private static readonly string[] CrossSectional =
        ["CSRank(($close-$open)/$open)", "CSZScore(Mean($close,5)/$close)", "CSNeutralize(Std($close,10)/$close, Log($volume+1), $industry)",
         "CSWinsorize(Rank($close,10))", "CSScale(Corr($close,$volume,10))"];

    public static TheoryData<int> Cuts() => [5, 29, 47, 68];

    [Theory]
    [MemberData(nameof(Cuts))]
    public void FeaturesAtTIgnoreEverythingAfterT(int cut)
    {
        var expressions = Alpha158.Set.Required.Concat(Alpha360.Set.Required.Where((_, k) => k % 7 == 0))
            .Concat(Technical.Set.Required).Select(f => f.Expression).Concat(CrossSectional).ToList();
        var original = new FactorEngine(FactorFixture.Data).Evaluate(expressions);
        var perturbed = new FactorEngine(Perturbed(cut, seed: 7 + cut)).Evaluate(expressions);
        const int T = FactorFixture.T;
        var changedAfter = 0;
        for (var f = 0; f < expressions.Count; f++)
            for (var i = 0; i < FactorFixture.N; i++)
            {
                for (var t = 0; t <= cut; t++)
                {
                    float a = original[f][i * T + t], b = perturbed[f][i * T + t];
                    Assert.True(a.Equals(b), $"{expressions[f]} S{i} t={t} <= {cut}: {a:R} became {b:R} after perturbing days > {cut}");
                }
                for (var t = cut + 1; t < T; t++)
                    if (!original[f][i * T + t].Equals(perturbed[f][i * T + t])) changedAfter++;
            }
        if (cut < T - 1) Assert.True(changedAfter > 0, "the perturbation changed nothing after the cut");
    }

    [Fact]
    public void ALabelSeesThePerturbation()
    {
        const int cut = 40, T = FactorFixture.T;
        var label = "Ref($close,-2)/$close-1";
        var a = new FactorEngine(FactorFixture.Data).Evaluate(label, ExpressionRole.Label);
        var b = new FactorEngine(Perturbed(cut, seed: 3)).Evaluate(label, ExpressionRole.Label);
        Assert.Contains(Enumerable.Range(0, FactorFixture.N), i => !a[i * T + cut - 1].Equals(b[i * T + cut - 1]));
    }

    private static MarketData Perturbed(int cut, int seed)
    {
        var data = FactorFixture.Load();
        var rng = new Random(seed);
        var panel = data.Panel;
        foreach (var name in panel.FieldNames)
        {
            var v = panel.Field(name);
            for (var i = 0; i < panel.N; i++)
                for (var t = cut + 1; t < panel.T; t++)
                {
                    var r = rng.NextDouble();
                    v[i * panel.T + t] = r < 0.1 ? float.NaN : name == "volume" && r < 0.15 ? 0 : v[i * panel.T + t] * (float)(0.5 + rng.NextDouble());
                }
        }
        // Membership after the cut changes too: today's universe must not depend on tomorrow's.
        var spells = new List<MembershipSpell>();
        foreach (var s in data.Universe!.Spells)
        {
            if (s.Start > panel.Calendar[cut]) continue;
            var end = s.End > panel.Calendar[cut] ? panel.Calendar[cut] : s.End;
            spells.Add(s with { End = end });
        }
        if (cut + 1 < panel.T)
            for (var i = 0; i < panel.N; i++)
                if (rng.NextDouble() < 0.5) spells.Add(new MembershipSpell(panel.Symbols[i], panel.Calendar[cut + 1], panel.Calendar[panel.T - 1]));
        data.Universe = new Universe("perturbed", panel.Calendar, spells);
        return data;
    }
}
