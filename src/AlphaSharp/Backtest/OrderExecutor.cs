using AlphaSharp.Backtest.Rules;

namespace AlphaSharp.Backtest;

/// <summary>
/// Fills single orders against one trading day under the exchange rules, updating the account and logging each
/// outcome. Checks, in order: the stock traded that day (not suspended); the price limit (no buy at or above the
/// limit-up price, no sell at or below the limit-down price, judged on the execution price); T+1 (only shares held
/// before today are sellable); the volume cap; the lot rules; for buys, the cash (fees included).
/// </summary>
public sealed class OrderExecutor(MarketView market, BacktestOptions options, Account account)
{
    private const double Tick = 0.005; // half a cent: prices are quoted in cents

    public Account Account => account;
    public List<Trade> Trades { get; } = [];
    /// <summary>VWAP fills that used the close because amount / volume was missing or outside the day's range.</summary>
    public int VwapFallbacks { get; private set; }

    /// <summary>The price an order would fill at on day t before slippage (NaN if the stock did not trade).</summary>
    public double MarketPrice(int t, int i)
    {
        if (!market.Tradable[t * market.N + i]) return double.NaN;
        var p = market.ExecutionPrice(options.Price, t, i, out _);
        return p > 0 ? p : double.NaN;
    }

    /// <summary>Sells up to <paramref name="shares"/> of instrument i on day t. Returns the shares sold.</summary>
    public double Sell(int t, int i, double shares)
    {
        if (!(shares > 0) || !(account.Shares[i] > 0)) return 0;
        if (!Price(t, i, OrderSide.Sell, out var p, out var k)) return 0;
        if (options.Rules.PriceLimits && double.IsFinite(market.LimitDown[k]) && p <= market.LimitDown[k] + Tick)
            return Refuse(t, i, OrderSide.Sell, p, "refused: at limit-down");
        var available = account.Shares[i] - (options.Rules.TPlusOne ? account.BoughtToday[i] : 0);
        if (available <= 1e-9) return Refuse(t, i, OrderSide.Sell, p, "refused: T+1 (bought today)");
        var want = Math.Min(shares, available);
        var note = "";
        var cap = options.Rules.MaxVolumeShare * market.Volume[k];
        if (want > cap)
        {
            want = cap;
            note = "partial: volume cap";
        }
        var q = options.Rules.Lots.RoundSell(want, available, market.Star[i]);
        if (q <= 0) return note.Length > 0 ? Refuse(t, i, OrderSide.Sell, p, "refused: volume cap below one lot") : 0;
        if (note.Length == 0 && options.Rules.TPlusOne && account.BoughtToday[i] > 0 && shares > available + 1e-9) note = "partial: T+1";
        var slip = options.Costs.SlippageFraction(q, market.Volume[k]);
        var fill = p * (1 - slip);
        var value = q * fill;
        var costs = options.Costs.Costs(market.Calendar[t], OrderSide.Sell, market.Shanghai[i], q, value, q * p * slip);
        account.Cash += value - costs.Fees;
        account.Shares[i] -= q;
        if (account.Shares[i] < 1e-9) account.Shares[i] = 0;
        Trades.Add(new Trade(t, i, OrderSide.Sell, q, p, fill, value, costs, note));
        return q;
    }

    /// <summary>
    /// Buys instrument i on day t for at most <paramref name="budget"/> CNY, fees included (and never more than the
    /// cash). Returns the shares bought.
    /// </summary>
    public double Buy(int t, int i, double budget)
    {
        budget = Math.Min(budget, account.Cash);
        if (!(budget > 0)) return 0;
        if (!Price(t, i, OrderSide.Buy, out var p, out var k)) return 0;
        if (options.Rules.PriceLimits && double.IsFinite(market.LimitUp[k]) && p >= market.LimitUp[k] - Tick)
            return Refuse(t, i, OrderSide.Buy, p, "refused: at limit-up");
        var day = market.Calendar[t];
        var c = options.Costs;
        var volume = (double)market.Volume[k];
        // First guess ignores the minimum commission and the volume-dependent slippage; the loop below trims to fit.
        var rate = c.CommissionRate + c.StampDuty.Rate(day, OrderSide.Buy);
        var want = budget / (p * (1 + c.SlippageFraction(0, volume)) * (1 + rate));
        var note = "";
        var cap = options.Rules.MaxVolumeShare * volume;
        if (want > cap)
        {
            want = cap;
            note = "partial: volume cap";
        }
        var star = market.Star[i];
        var lots = options.Rules.Lots;
        var q = lots.RoundBuy(want, star);
        while (q > 0)
        {
            var slip = c.SlippageFraction(q, volume);
            var fill = p * (1 + slip);
            var value = q * fill;
            var costs = c.Costs(day, OrderSide.Buy, market.Shanghai[i], q, value, q * p * slip);
            if (value + costs.Fees <= budget + 1e-9)
            {
                account.Cash -= value + costs.Fees;
                account.Shares[i] += q;
                account.BoughtToday[i] += q;
                Trades.Add(new Trade(t, i, OrderSide.Buy, q, p, fill, value, costs, note));
                return q;
            }
            // Shrink by the overshoot (at least one step) rather than one lot at a time.
            var over = (value + costs.Fees - budget) / fill;
            var step = star ? 1.0 : lots.Lot;
            q = lots.RoundBuy(q - Math.Max(step, Math.Ceiling(over / step) * step), star);
        }
        if (note.Length > 0) return Refuse(t, i, OrderSide.Buy, p, "refused: volume cap below one lot");
        return 0;
    }

    private bool Price(int t, int i, OrderSide side, out double price, out int k)
    {
        k = t * market.N + i;
        price = double.NaN;
        if (!market.Tradable[k])
        {
            Refuse(t, i, side, double.NaN, "refused: suspended");
            return false;
        }
        price = market.ExecutionPrice(options.Price, t, i, out var fellBack);
        if (fellBack) VwapFallbacks++;
        return price > 0;
    }

    private double Refuse(int t, int i, OrderSide side, double price, string why)
    {
        Trades.Add(new Trade(t, i, side, 0, price, double.NaN, 0, default, why));
        return 0;
    }
}
