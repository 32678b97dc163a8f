using AlphaSharp.Backtest;
using AlphaSharp.Backtest.Rules;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Common;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Binds <c>strategy</c>, <c>backtest</c> and <c>report</c> onto the backtester's own records. Costs are the
/// backtester's (commission with a minimum, stamp duty on sells, transfer fee, slippage); Qlib's
/// <c>open_cost</c> / <c>close_cost</c> / <c>min_cost</c> are accepted as another way to write them.
/// </summary>
internal static class BacktestBinding
{
    public static readonly SettingChoices<string> StrategyKinds = new(("topk_dropout", "topk_dropout"), ("topn", "topn"), ("enhanced", "enhanced"), ("signals", "signals"), ("threshold", "threshold"));
    public static readonly SettingChoices<string> RuleSets = new(("china", "china"), ("generic", "generic"));
    private static readonly string[] QlibCostKeys = ["open_cost", "close_cost", "min_cost"];
    private static readonly string[] OwnCostKeys = ["commission", "min_commission", "stamp_duty", "transfer_fee", "slippage_bps", "slippage_volume"];

    public static StrategySpec Strategy(Section root)
    {
        var s = root.Sub("strategy");
        var kind = s.Choice("kind", StrategyKinds, "topk_dropout");
        StrategySpec spec = kind switch
        {
            "topn" => new TopNSpec(s.Int("n", 50, 1)),
            "threshold" => new ThresholdSpec(s.Number("above", 0.5, double.MinValue, double.MaxValue)),
            "enhanced" => new EnhancedIndexSpec(s.Number("tilt", EnhancedIndexStrategy.DefaultTilt, double.MinValue, double.MaxValue),
                s.Number("turnover_cap", EnhancedIndexStrategy.DefaultTurnoverCap, 0, 1, aboveMin: true), s.Bool("size_neutral", true)),
            "signals" => new SignalSpec(s.Number("capital_share", 0.1, 0, 1, aboveMin: true),
                s.Number("buy_above", SignalStrategy.DefaultBuyAbove, double.MinValue, double.MaxValue),
                s.Number("sell_below", SignalStrategy.DefaultSellBelow, double.MinValue, double.MaxValue)),
            _ => new TopkDropoutSpec(s.Int("topk", 50, 1), s.Int("n_drop", 5, 0), s.Int("hold_thresh", TopkDropoutStrategy.DefaultHoldThreshold, 0)),
        };
        s.Check(() => spec.Create());
        s.Finish();
        return spec;
    }

    public static BacktestOptions Backtest(Section root)
    {
        var s = root.Sub("backtest");
        var generic = s.Choice("rules", RuleSets, "china") == "generic";
        var d = generic ? BacktestOptions.Generic : new BacktestOptions();
        var rules = d.Rules with { MaxVolumeShare = s.Number("volume_cap", d.Rules.MaxVolumeShare, 0, 1, aboveMin: true) };
        var costs = Costs(s, d.Costs);
        var filter = new CandidateFilter(s.Bool("universe_only", d.Filter.UniverseOnly), s.Bool("exclude_suspended", d.Filter.ExcludeSuspended),
            s.Bool("exclude_limit_hit", d.Filter.ExcludeLimitHit), s.Int("min_listing_days", d.Filter.MinListingDays, 0));
        var rebalanceText = s.Text("rebalance", d.Rebalance.ToString());
        var rebalance = d.Rebalance;
        try
        {
            rebalance = RebalanceSchedule.Parse(rebalanceText);
            s.Output["rebalance"] = CanonicalDocument.Str(rebalance.ToString());
        }
        catch (SettingException)
        {
            s.Problem("rebalance", $"expected daily, weekly, monthly or a whole number of trading days (1 or more), got '{rebalanceText}'");
        }
        var options = d with
        {
            InitialCash = s.Number("initial_cash", d.InitialCash, 0, double.MaxValue, aboveMin: true),
            Price = s.Choice("price", BacktestOptions.PriceChoices, d.Price),
            Lag = s.Int("lag", d.Lag, 0),
            RiskDegree = s.Number("risk_degree", d.RiskDegree, 0, 1, aboveMin: true),
            Rules = rules,
            Costs = costs,
            Rebalance = rebalance,
            Filter = filter,
        };
        if (s.Has("limit_threshold"))
        {
            s.Take("limit_threshold");
            // Qlib approximates every board's limit by one threshold; this backtester computes each stock's exact
            // limit price from its board and date, so a threshold would have nothing to set.
            s.Problem("limit_threshold", "not a setting here: rules: china refuses buys at each stock's exact limit-up price and sells at its limit-down price (main board 10 %, ChiNext and STAR 20 %); remove the key");
        }
        s.Check(options.Validate);
        s.Finish();
        return options;
    }

    private static CostModel Costs(Section s, CostModel d)
    {
        var qlib = QlibCostKeys.Where(s.Has).ToList();
        var own = OwnCostKeys.Where(s.Has).ToList();
        if (qlib.Count > 0 && own.Count > 0)
            s.Problem(qlib[0], $"Qlib's {string.Join("/", QlibCostKeys)} and the backtester's {string.Join(", ", own)} both set the costs; use one of the two");
        if (qlib.Count > 0)
        {
            foreach (var k in OwnCostKeys) s.Take(k);
            // Qlib charges open_cost on buys and close_cost on sells, at least min_cost an order, and no slippage. The
            // same money here: commission = open_cost both ways, stamp duty on sells = close_cost - open_cost, min
            // commission = min_cost; only an order small enough for the minimum to bind (under 10,000 CNY at 0.0005)
            // pays a little more on a sell than in Qlib.
            var open = s.Number("open_cost", 0.0005, 0, 0.1);
            var close = s.Number("close_cost", 0.0015, 0, 0.1);
            var min = s.Number("min_cost", 5, 0, 1e6);
            if (close < open) s.Problem("close_cost", $"expected at least open_cost ({CanonicalDocument.Num(open)}): a sell pays the commission and the stamp duty, got {CanonicalDocument.Num(close)}");
            return new CostModel(open, min, close > open ? StampDutySchedule.Flat(close - open) : StampDutySchedule.None, TransferFeeSchedule.None, 0, 0);
        }
        foreach (var k in QlibCostKeys) s.Take(k);
        var stampText = s.Scalar("stamp_duty");
        var stamp = d.StampDuty;
        var stampName = ReferenceEquals(d.StampDuty, StampDutySchedule.China) ? "china" : "0";
        if (stampText is not null)
        {
            if (stampText == "china") (stamp, stampName) = (StampDutySchedule.China, "china");
            else if (s.OptionalNumber("stamp_duty", 0, 0.1) is { } rate) (stamp, stampName) = (rate == 0 ? StampDutySchedule.None : StampDutySchedule.Flat(rate), CanonicalDocument.Num(rate));
        }
        s.Output["stamp_duty"] = stampName == "china" ? CanonicalDocument.Str("china") : stampName;
        var transfer = s.Bool("transfer_fee", d.TransferFee.Steps.Count > 0);
        return d with
        {
            CommissionRate = s.Number("commission", d.CommissionRate, 0, 0.1),
            MinCommission = s.Number("min_commission", d.MinCommission, 0, 1e6),
            StampDuty = stamp,
            TransferFee = transfer ? TransferFeeSchedule.China : TransferFeeSchedule.None,
            SlippageBps = s.Number("slippage_bps", d.SlippageBps, 0, 1000),
            SlippagePerVolumeShare = s.Number("slippage_volume", d.SlippagePerVolumeShare, 0, 100),
        };
    }

    public static ReportSpec Report(Section root, string name, IReadOnlyList<ModelSpec> models)
    {
        var s = root.Sub("report");
        var title = s.Text("title", name);
        var tearSheet = s.Text("tear_sheet", "all");
        var names = models.Select(m => m.Name).ToList();
        if (tearSheet != "all" && models.Count > 0 && !names.Contains(tearSheet))
            s.Problem("tear_sheet", $"expected all or one of the workflow's models ({string.Join(", ", names)}), got '{tearSheet}'{Section.Hint(tearSheet, names)}");
        var layers = s.Int("layers", 0, 0, 20);
        if (layers == 1) s.Problem("layers", "expected 0 (no layered test) or 2 to 20 layers, got 1");
        var icEvery = s.Int("ic_every", 1, 1, 250);
        s.Finish();
        return new ReportSpec(title, tearSheet, layers, icEvery);
    }
}
