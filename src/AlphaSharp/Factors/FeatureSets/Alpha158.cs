namespace AlphaSharp.Factors.FeatureSets;

/// <summary>
/// Qlib's Alpha158 (qlib/contrib/data/loader.py, Alpha158DL with its default config): 9 k-bar features, 4 price ratios
/// (OPEN0 HIGH0 LOW0 VWAP0) and 29 rolling families over windows 5, 10, 20, 30, 60, in Qlib's order and spelling.
/// </summary>
public static class Alpha158
{
    public static readonly int[] Windows = [5, 10, 20, 30, 60];

    public static FeatureSet Set { get; } = new("alpha158",
        "Qlib's Alpha158: k-bar shape, price ratios and 29 rolling families over 5/10/20/30/60 days, adjusted prices",
        Build(), []);

    private static IReadOnlyList<Feature> Build()
    {
        var f = new List<Feature>
        {
            new("KMID", "($close-$open)/$open"),
            new("KLEN", "($high-$low)/$open"),
            new("KMID2", "($close-$open)/($high-$low+1e-12)"),
            new("KUP", "($high-Greater($open, $close))/$open"),
            new("KUP2", "($high-Greater($open, $close))/($high-$low+1e-12)"),
            new("KLOW", "(Less($open, $close)-$low)/$open"),
            new("KLOW2", "(Less($open, $close)-$low)/($high-$low+1e-12)"),
            new("KSFT", "(2*$close-$high-$low)/$open"),
            new("KSFT2", "(2*$close-$high-$low)/($high-$low+1e-12)"),
        };
        foreach (var p in new[] { "open", "high", "low", "vwap" }) f.Add(new(p.ToUpperInvariant() + "0", $"${p}/$close"));
        void Family(string name, Func<int, string> expression)
        {
            foreach (var d in Windows) f.Add(new($"{name}{d}", expression(d)));
        }
        Family("ROC", d => $"Ref($close, {d})/$close");
        Family("MA", d => $"Mean($close, {d})/$close");
        Family("STD", d => $"Std($close, {d})/$close");
        Family("BETA", d => $"Slope($close, {d})/$close");
        Family("RSQR", d => $"Rsquare($close, {d})");
        Family("RESI", d => $"Resi($close, {d})/$close");
        Family("MAX", d => $"Max($high, {d})/$close");
        Family("MIN", d => $"Min($low, {d})/$close");
        Family("QTLU", d => $"Quantile($close, {d}, 0.8)/$close");
        Family("QTLD", d => $"Quantile($close, {d}, 0.2)/$close");
        Family("RANK", d => $"Rank($close, {d})");
        Family("RSV", d => $"($close-Min($low, {d}))/(Max($high, {d})-Min($low, {d})+1e-12)");
        Family("IMAX", d => $"IdxMax($high, {d})/{d}");
        Family("IMIN", d => $"IdxMin($low, {d})/{d}");
        Family("IMXD", d => $"(IdxMax($high, {d})-IdxMin($low, {d}))/{d}");
        Family("CORR", d => $"Corr($close, Log($volume+1), {d})");
        Family("CORD", d => $"Corr($close/Ref($close,1), Log($volume/Ref($volume, 1)+1), {d})");
        Family("CNTP", d => $"Mean($close>Ref($close, 1), {d})");
        Family("CNTN", d => $"Mean($close<Ref($close, 1), {d})");
        Family("CNTD", d => $"Mean($close>Ref($close, 1), {d})-Mean($close<Ref($close, 1), {d})");
        Family("SUMP", d => $"Sum(Greater($close-Ref($close, 1), 0), {d})/(Sum(Abs($close-Ref($close, 1)), {d})+1e-12)");
        Family("SUMN", d => $"Sum(Greater(Ref($close, 1)-$close, 0), {d})/(Sum(Abs($close-Ref($close, 1)), {d})+1e-12)");
        Family("SUMD", d => $"(Sum(Greater($close-Ref($close, 1), 0), {d})-Sum(Greater(Ref($close, 1)-$close, 0), {d}))/(Sum(Abs($close-Ref($close, 1)), {d})+1e-12)");
        Family("VMA", d => $"Mean($volume, {d})/($volume+1e-12)");
        Family("VSTD", d => $"Std($volume, {d})/($volume+1e-12)");
        Family("WVMA", d => $"Std(Abs($close/Ref($close, 1)-1)*$volume, {d})/(Mean(Abs($close/Ref($close, 1)-1)*$volume, {d})+1e-12)");
        Family("VSUMP", d => $"Sum(Greater($volume-Ref($volume, 1), 0), {d})/(Sum(Abs($volume-Ref($volume, 1)), {d})+1e-12)");
        Family("VSUMN", d => $"Sum(Greater(Ref($volume, 1)-$volume, 0), {d})/(Sum(Abs($volume-Ref($volume, 1)), {d})+1e-12)");
        Family("VSUMD", d => $"(Sum(Greater($volume-Ref($volume, 1), 0), {d})-Sum(Greater(Ref($volume, 1)-$volume, 0), {d}))/(Sum(Abs($volume-Ref($volume, 1)), {d})+1e-12)");
        return f;
    }
}
