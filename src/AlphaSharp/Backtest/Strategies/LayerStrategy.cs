using AlphaSharp.Common;
namespace AlphaSharp.Backtest.Strategies;

/// <summary>
/// One layer of an N-layer (quantile) portfolio test: the eligible scored stocks of the decision day, sorted by score
/// from highest, are cut into <see cref="Layers"/> groups by rank (stock at rank r of m goes to group floor(r * L / m),
/// so group sizes differ by at most one); this strategy holds group <see cref="Layer"/> (1 = highest scores) at equal
/// weight and sells everything else. Run it once per layer for a layered test.
/// </summary>
public sealed class LayerStrategy : IStrategy
{
    private readonly List<int> _candidates = [];
    private readonly ScoreOrder _order = new();

    public LayerStrategy(int layers, int layer)
    {
        if (layers < 1) throw new SettingException($"{new SettingName("layers")} {layers}: must be at least 1");
        if (layer < 1 || layer > layers) throw new SettingException($"{new SettingName("layer")} {layer}: must be between 1 and {layers}");
        Layers = layers;
        Layer = layer;
    }

    public int Layers { get; }
    public int Layer { get; }
    public string Name => $"layer {Layer} of {Layers}";

    public void Reset() { }

    public void Decide(DecisionContext c, Decision d)
    {
        _order.RankEligible(c, _candidates);
        d.SellAllHoldings(c.Account);
        var m = _candidates.Count;
        var (from, to) = Range(m, Layers, Layer);
        for (var r = from; r < to; r++) d.Weights[_candidates[r]] = 1.0 / (to - from);
    }

    /// <summary>The ranks [from, to) of layer <paramref name="layer"/> (1-based) among <paramref name="m"/> sorted stocks.</summary>
    public static (int From, int To) Range(int m, int layers, int layer)
    {
        // Rank r belongs to group floor(r * L / m); the first rank of group g is ceil(g * m / L).
        static int FirstRank(long g, long m, long l) => (int)((g * m + l - 1) / l);
        return (FirstRank(layer - 1, m, layers), FirstRank(layer, m, layers));
    }
}
