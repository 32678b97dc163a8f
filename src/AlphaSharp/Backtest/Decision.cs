namespace AlphaSharp.Backtest;

/// <summary>
/// What a strategy wants done, to be carried out on the execution day. Two forms, usable together:
/// <see cref="Weights"/>: per instrument a target share of the invested value (portfolio value x risk degree),
/// NaN meaning "leave this position alone", 0 meaning "sell it all";
/// <see cref="CashBuys"/>: Qlib's TopK-Dropout buying, where the cash left after the sells, times the risk degree, is
/// split equally among the listed instruments.
/// </summary>
public sealed class Decision
{
    public Decision(int instruments)
    {
        Weights = new double[instruments];
        Array.Fill(Weights, double.NaN);
    }

    public double[] Weights { get; }
    public List<int> CashBuys { get; } = [];

    /// <summary>Marks every current holding of <paramref name="account"/> to be sold; targets set after this override it.</summary>
    public void SellAllHoldings(Account account)
    {
        for (var i = 0; i < Weights.Length; i++)
            if (account.Shares[i] > 0) Weights[i] = 0;
    }

    public void Clear()
    {
        Array.Fill(Weights, double.NaN);
        CashBuys.Clear();
    }
}
