using AlphaSharp.Factors.Expressions;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Factors;

namespace AlphaSharp.Tests.Factors.Operators;

/// <summary>
/// Every operator against pandas / numpy / scipy on the fixture panel (missing values, window starts, a flat
/// stretch, changing membership): each case is an expression evaluated by the engine, compared cell by cell with
/// the reference written by make_factor_fixtures.py. Alpha158 cases ("alpha158:NAME") evaluate the feature set's own
/// expression against a pandas transcription of Qlib's formula.
/// </summary>
public class OperatorFixtureTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in FactorFixture.Expected.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(string name)
    {
        var expected = FactorFixture.Expected[name];
        var expression = name.StartsWith("alpha158:", StringComparison.Ordinal)
            ? Alpha158.Set.Required.Single(f => f.Name == name["alpha158:".Length..]).Expression
            : name;
        var role = expression.Contains(",-", StringComparison.Ordinal) ? ExpressionRole.Label : ExpressionRole.Feature;
        var actual = new FactorEngine(FactorFixture.Data).Evaluate(expression, role);
        const int T = FactorFixture.T;
        var compared = 0;
        for (var i = 0; i < FactorFixture.N; i++)
            for (var t = 0; t < T; t++)
            {
                var e = expected[i][t];
                var a = actual[i * T + t];
                if (double.IsNaN(e))
                {
                    Assert.True(float.IsNaN(a), $"{name} S{i} t={t}: expected NaN, got {a}");
                    continue;
                }
                Assert.False(float.IsNaN(a), $"{name} S{i} t={t}: expected {e}, got NaN");
                if (double.IsInfinity(e)) { Assert.Equal(e, a); continue; }
                var tolerance = Relative(name) * Math.Max(1, Math.Abs(e)) + Slack(name);
                Assert.True(Math.Abs(a - e) <= tolerance, $"{name} S{i} t={t}: expected {e:R}, got {a:R} (|diff| {Math.Abs(a - e):E2} > {tolerance:E2})");
                compared++;
            }
        // Only a case whose reference is missing everywhere (a shift past the series end) may compare no number.
        Assert.True(compared > 0 || expected.All(row => row.All(double.IsNaN)), $"{name}: no finite reference values compared");
    }

    /// <summary>
    /// 2e-6 for single operators (float32 output of a double computation). Composite formulas keep float32
    /// intermediates, as Qlib's numpy float32 series do, while the reference stays in float64 throughout; a ratio of
    /// two float32 numbers fed to a correlation or a standard deviation then differs by up to ~1e-5.
    /// </summary>
    private static double Relative(string name) =>
        name.StartsWith("alpha158:", StringComparison.Ordinal) || name.StartsWith("CSNeutralize", StringComparison.Ordinal) ? 1e-5 : 2e-6;

    /// <summary>
    /// Extra absolute slack where the quantity is a small difference of large, float32-rounded terms: skew and kurtosis
    /// of short windows amplify the float32 rounding of the input; residuals and slopes of prices are differences of
    /// numbers near the price level.
    /// </summary>
    private static double Slack(string name) =>
        name.StartsWith("Kurt", StringComparison.Ordinal) || name.StartsWith("Skew", StringComparison.Ordinal) ? 2e-4
        : name.StartsWith("Resi", StringComparison.Ordinal) || name.StartsWith("Slope", StringComparison.Ordinal) ? 2e-5
        : 0;
}
