using System.CommandLine;
using System.Globalization;
using AlphaSharp.Backtest.Rules;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Backtest;
using AlphaSharp.Common;
using AlphaSharp.Data.Export;
using AlphaSharp.Data;
using AlphaSharp.Factors;
using AlphaSharp.Reports.TearSheets;

namespace AlphaSharp.Cli;

/// <summary>
/// `alphasharp backtest`: scores (a date,symbol,score CSV or a factor expression) -> a strategy -> the daily simulation
/// under China A-share rules (or generic ones) -> returns.csv, positions.csv, trades.csv, metrics.json and report.html in
/// a new directory. Every option is checked before the data is loaded; any error leaves no output directory.
/// </summary>
public static class BacktestCommand
{
    private static readonly BacktestOptions Defaults = new();

    private sealed class Opts
    {
        public readonly Option<string> Scores = new("--scores") { Description = "date,symbol,score CSV (plain or .gz), or a factor expression such as 'Mean($close,5)/$close' (scores at t act at t + lag)", Required = true, HelpName = "FILE|EXPR" };
        public readonly Option<string> Strategy = new("--strategy") { Description = "topk: Qlib's TopK-Dropout; layers: one layer of a quantile test (all layers go to layers.csv); topn: top N equal weight; enhanced: enhanced index on float-cap weights; signals: per-stock buy/sell/hold", Required = true, HelpName = "topk|layers|topn|enhanced|signals" };
        public readonly Option<string?> Store = new("--store") { Description = "Store directory (default: the shipped CSI 300 store)", HelpName = "DIR" };
        public readonly Option<string> Out = new("--out") { Description = "New directory for the results (built under a temporary name, renamed at the end)", Required = true, HelpName = "DIR" };
        public readonly Option<int> TopK = new("--topk") { Description = "topk: stocks held", DefaultValueFactory = _ => 50 };
        public readonly Option<int> NDrop = new("--n-drop") { Description = "topk: stocks replaced per rebalance at most", DefaultValueFactory = _ => 5 };
        public readonly Option<int> HoldThresh = new("--hold-thresh") { Description = "topk: closes a stock must be held before it may be sold", DefaultValueFactory = _ => TopkDropoutStrategy.DefaultHoldThreshold };
        public readonly Option<int> TopN = new("--topn") { Description = "topn: stocks held at 1/N each", DefaultValueFactory = _ => 50 };
        public readonly Option<int> Layers = new("--layers") { Description = "layers: number of groups", DefaultValueFactory = _ => 5 };
        public readonly Option<int> Layer = new("--layer") { Description = "layers: the group whose run fills returns/positions/trades/report (1 = highest scores)", DefaultValueFactory = _ => 1 };
        public readonly Option<double> Tilt = new("--tilt") { Description = "enhanced: weight multiplier exp(tilt x score z-score) on the benchmark weight", DefaultValueFactory = _ => EnhancedIndexStrategy.DefaultTilt };
        public readonly Option<double> TurnoverCap = new("--turnover-cap") { Description = "enhanced: one-way turnover cap per rebalance (paper 003: 0.3)", DefaultValueFactory = _ => EnhancedIndexStrategy.DefaultTurnoverCap };
        public readonly Option<bool> NoSizeNeutral = new("--no-size-neutral") { Description = "enhanced: do not match the benchmark's log-size exposure" };
        public readonly Option<double> CapitalShare = new("--capital-share") { Description = "signals: share of the invested value a buy opens", DefaultValueFactory = _ => 0.1 };
        public readonly Option<double> BuyAbove = new("--buy-above") { Description = "signals: a score above this is a buy", DefaultValueFactory = _ => SignalStrategy.DefaultBuyAbove };
        public readonly Option<double> SellBelow = new("--sell-below") { Description = "signals: a score below this is a sell", DefaultValueFactory = _ => SignalStrategy.DefaultSellBelow };
        public readonly Option<string> Price = new("--price") { Description = "Execution price on the execution day: open, close or vwap (amount / volume; the close where that is missing)", DefaultValueFactory = _ => BacktestOptions.PriceChoices.NameOf(Defaults.Price), HelpName = "open|close|vwap" };
        public readonly Option<int> Lag = new("--lag") { Description = "Trading days from a score to its trades (0 only with --price close)", DefaultValueFactory = _ => Defaults.Lag };
        public readonly Option<string> Rebalance = new("--rebalance") { Description = "daily, weekly (last trading day of the week), monthly (last of the month) or N (every N trading days)", DefaultValueFactory = _ => Defaults.Rebalance.ToString(), HelpName = "daily|weekly|monthly|N" };
        public readonly Option<string> Rules = new("--rules") { Description = "china: T+1, price limits, lots of 100 (STAR 200+1), minimum commission, stamp duty and transfer fee by date; generic: none of these", DefaultValueFactory = _ => "china", HelpName = "china|generic" };
        public readonly Option<double> Cash = new("--cash") { Description = "Initial cash, CNY", DefaultValueFactory = _ => Defaults.InitialCash };
        public readonly Option<double> RiskDegree = new("--risk-degree") { Description = "Share of the portfolio value invested (Qlib's risk_degree)", DefaultValueFactory = _ => Defaults.RiskDegree };
        public readonly Option<double?> Commission = new("--commission") { Description = "Commission rate per order (default 0.00025)" };
        public readonly Option<double?> MinCommission = new("--min-commission") { Description = "Minimum commission per order, CNY (china default 5, generic 0)" };
        public readonly Option<double?> StampDuty = new("--stamp-duty") { Description = "A flat stamp duty rate on sells instead of the dated China schedule (0 for none)" };
        public readonly Option<bool> NoTransferFee = new("--no-transfer-fee") { Description = "Drop the dated transfer fee" };
        public readonly Option<double?> SlippageBps = new("--slippage-bps") { Description = "Slippage in basis points of the price (default 5)" };
        public readonly Option<double?> SlippageVolume = new("--slippage-volume") { Description = "Extra slippage per unit of the order's share of the day's volume (default 0)" };
        public readonly Option<double?> VolumeCap = new("--volume-cap") { Description = "Largest share of a stock's day volume one order may take (china default 0.1, generic 1)" };
        public readonly Option<int> MinListingDays = new("--min-listing-days") { Description = "No new positions in stocks listed fewer trading days than this", DefaultValueFactory = _ => Defaults.Filter.MinListingDays };
        public readonly Option<bool> KeepLimitHit = new("--keep-limit-hit") { Description = "Do not drop stocks that closed at a price limit on the decision day from the candidates" };
        public readonly Option<bool> KeepSuspended = new("--keep-suspended") { Description = "Do not drop stocks suspended on the decision day from the candidates" };
        public readonly Option<bool> AllStocks = new("--all-stocks") { Description = "Candidates need not be universe members on the decision day" };
        public readonly Option<string?> Start = new("--start") { Description = "First decision day (default: the first scored day)", HelpName = "YYYY-MM-DD" };
        public readonly Option<string?> End = new("--end") { Description = "Last day simulated (default: the last scored day + lag)", HelpName = "YYYY-MM-DD" };

        public IEnumerable<Option> All =>
        [
            Scores, Strategy, Store, Out, TopK, NDrop, HoldThresh, TopN, Layers, Layer, Tilt, TurnoverCap, NoSizeNeutral, CapitalShare,
            BuyAbove, SellBelow, Price, Lag, Rebalance, Rules, Cash, RiskDegree, Commission, MinCommission, StampDuty, NoTransferFee,
            SlippageBps, SlippageVolume, VolumeCap, MinListingDays, KeepLimitHit, KeepSuspended, AllStocks, Start, End,
        ];

        /// <summary>The flag of each library setting this command sets.</summary>
        public SettingFlags Flags => new(
            ("strategy", Strategy), ("topk", TopK), ("n_drop", NDrop), ("hold_thresh", HoldThresh), ("topn", TopN), ("layers", Layers),
            ("layer", Layer), ("tilt", Tilt), ("turnover_cap", TurnoverCap), ("capital_share", CapitalShare), ("buy_above", BuyAbove),
            ("sell_below", SellBelow), ("price", Price), ("lag", Lag), ("rebalance", Rebalance), ("initial_cash", Cash),
            ("risk_degree", RiskDegree), ("commission", Commission), ("min_commission", MinCommission), ("stamp_duty", StampDuty),
            ("slippage_bps", SlippageBps), ("slippage_volume", SlippageVolume), ("volume_cap", VolumeCap),
            ("min_listing_days", MinListingDays), ("start", Start), ("end", End));
    }

    public static Command Create()
    {
        var o = new Opts();
        o.Strategy.AcceptOnlyFromAmong("topk", "layers", "topn", "enhanced", "signals");
        o.Price.AcceptOnlyFromAmong([.. BacktestOptions.PriceChoices.Names]);
        o.Rules.AcceptOnlyFromAmong("china", "generic");
        var cmd = new Command("backtest", "Backtest a score file or factor expression with a portfolio strategy under China A-share rules");
        foreach (var option in o.All) cmd.Options.Add(option);
        cmd.SetAction(parse => CliErrors.Guard(() => Run(parse, o), o.Flags));
        return cmd;
    }

    private static int Run(ParseResult p, Opts o)
    {
        var name = p.GetValue(o.Strategy)!;
        var options = BuildOptions(p, o);
        options.Validate();
        var strategies = BuildStrategies(p, o, name);
        var outDir = p.GetValue(o.Out)!;
        // Refuse an existing target before the (slow) load.
        if (Directory.Exists(outDir) || File.Exists(outDir))
            throw new InputException($"--out {outDir}: already exists; choose a new output directory (nothing was overwritten)");

        var (data, source) = CliStores.Load(p.GetValue(o.Store));
        var market = MarketView.From(data);
        var scores = LoadScores(p.GetValue(o.Scores)!, data, market);
        var results = strategies.Select(s => Backtester.Run(market, scores, s, options)).ToList();
        var main = name == "layers" ? results[p.GetValue(o.Layer) - 1] : results[0];

        using var staged = new StagedDirectory(outDir);
        using var files = new AtomicFileSet();
        var sheet = new TearSheetOptions(
            Title: $"Backtest: {main.Strategy}",
            StrategyName: main.Strategy,
            BenchmarkName: data.Benchmark?.Symbol ?? "Benchmark",
            Settings: Settings(p, o, options, source));
        var summary = TearSheet.Stage(files, staged.Path, main.ToSeries(), sheet);
        BacktestCsv.Stage(files, staged.Path, main);
        if (name == "layers") BacktestCsv.StageLayers(files, staged.Path, results);
        files.Commit();
        staged.Commit();

        var fills = main.Trades.Count(t => t.Filled);
        var refused = main.Trades.Where(t => !t.Filled).GroupBy(t => t.Note.Replace("refused: ", "")).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Count():N0} {g.Key}").ToList();
        Console.Out.WriteLine($"{main.Strategy}: {main.Dates.First():yyyy-MM-dd}..{main.Dates.Last():yyyy-MM-dd}, {main.Count} days, {fills:N0} fills, " +
                              $"{main.Trades.Count - fills:N0} refused orders{(refused.Count > 0 ? $" ({string.Join(", ", refused)})" : "")}" +
                              $"{(main.VwapFallbacks > 0 ? $", {main.VwapFallbacks} VWAP fills at the close (no amount)" : "")}");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total return {summary.TotalReturn:P2} (benchmark {summary.BenchmarkTotalReturn:P2}), annual {summary.AnnualReturn:P2}, " +
            $"Sharpe {summary.Sharpe:F2}, IR {summary.InformationRatio:F2}, max drawdown {summary.MaxDrawdown:P2}, " +
            $"mean turnover {summary.MeanTurnover:P2}/day, costs {summary.CostsPaid:N0} CNY"));
        Console.Out.WriteLine($"wrote returns.csv, positions.csv, trades.csv, daily.csv, metrics.json, report.html{(name == "layers" ? ", layers.csv" : "")} to {outDir}");
        return 0;
    }

    private static BacktestOptions BuildOptions(ParseResult p, Opts o)
    {
        var generic = p.GetValue(o.Rules) == "generic";
        var rules = generic ? ExchangeRules.Generic : ExchangeRules.China;
        // Ranges are checked by the options' owners (BacktestOptions.Validate and the records it validates).
        if (p.GetValue(o.VolumeCap) is { } cap) rules = rules with { MaxVolumeShare = cap };
        var costs = generic ? CostModel.Generic : CostModel.China;
        if (p.GetValue(o.Commission) is { } c) costs = costs with { CommissionRate = c };
        if (p.GetValue(o.MinCommission) is { } mc) costs = costs with { MinCommission = mc };
        if (p.GetValue(o.StampDuty) is { } sd) costs = costs with { StampDuty = sd == 0 ? StampDutySchedule.None : StampDutySchedule.Flat(sd) };
        if (p.GetValue(o.NoTransferFee)) costs = costs with { TransferFee = TransferFeeSchedule.None };
        if (p.GetValue(o.SlippageBps) is { } bps) costs = costs with { SlippageBps = bps };
        if (p.GetValue(o.SlippageVolume) is { } sv) costs = costs with { SlippagePerVolumeShare = sv };
        return new BacktestOptions
        {
            InitialCash = p.GetValue(o.Cash),
            Price = BacktestOptions.PriceChoices.Parse("price", p.GetValue(o.Price)!),
            Lag = p.GetValue(o.Lag),
            RiskDegree = p.GetValue(o.RiskDegree),
            Rules = rules,
            Costs = costs,
            Rebalance = RebalanceSchedule.Parse(p.GetValue(o.Rebalance)!),
            Filter = new CandidateFilter(!p.GetValue(o.AllStocks), !p.GetValue(o.KeepSuspended), !p.GetValue(o.KeepLimitHit), p.GetValue(o.MinListingDays)),
            Start = SettingParsers.OptionalDate("start", p.GetValue(o.Start)),
            End = SettingParsers.OptionalDate("end", p.GetValue(o.End)),
        };
    }

    private static List<IStrategy> BuildStrategies(ParseResult p, Opts o, string name) => name switch
    {
        "topk" => [new TopkDropoutStrategy(p.GetValue(o.TopK), p.GetValue(o.NDrop), p.GetValue(o.HoldThresh))],
        "topn" => [new TopNStrategy(p.GetValue(o.TopN))],
        "enhanced" => [new EnhancedIndexStrategy(p.GetValue(o.Tilt), p.GetValue(o.TurnoverCap), !p.GetValue(o.NoSizeNeutral))],
        "signals" => [new SignalStrategy(p.GetValue(o.CapitalShare), p.GetValue(o.BuyAbove), p.GetValue(o.SellBelow))],
        _ => LayerStrategies(p.GetValue(o.Layers), p.GetValue(o.Layer)),
    };

    private static List<IStrategy> LayerStrategies(int layers, int layer)
    {
        _ = new LayerStrategy(layers, layer); // checks --layers and --layer together
        return Enumerable.Range(1, layers).Select(k => (IStrategy)new LayerStrategy(layers, k)).ToList();
    }

    /// <summary>A path that exists is a score file; anything else must be a factor expression.</summary>
    private static ScoreTable LoadScores(string arg, MarketData data, MarketView market)
    {
        if (File.Exists(arg)) return ScoreTable.ReadCsv(market, arg);
        if (Directory.Exists(arg)) throw new InputException($"--scores {arg}: is a directory; give a date,symbol,score CSV or a factor expression");
        var looksLikeExpression = arg.Contains('$') || arg.Contains('(');
        if (!looksLikeExpression)
            throw new InputException($"--scores {arg}: no such file, and not a factor expression (expressions name fields like $close)");
        var values = FactorEngine.Evaluate(data, arg);
        return new ScoreTable(market, PanelArray.Of(data.Panel, values));
    }

    private static string Num(double v) => SettingParsers.Show(v);

    private static List<KeyValuePair<string, string>> Settings(ParseResult p, Opts o, BacktestOptions options, string source)
    {
        var c = options.Costs;
        return
        [
            new("scores", p.GetValue(o.Scores)!),
            new("store", source),
            new("rules", p.GetValue(o.Rules)!),
            new("execution", $"{p.GetValue(o.Price)} of t + {options.Lag}"),
            new("rebalance", p.GetValue(o.Rebalance)!),
            new("initial cash", options.InitialCash.ToString("N0", CultureInfo.InvariantCulture)),
            new("risk degree", Num(options.RiskDegree)),
            new("commission", $"{Num(c.CommissionRate)} (min {Num(c.MinCommission)} CNY)"),
            new("stamp duty", c.StampDuty.Steps.Count == 0 ? "none" : c.StampDuty == StampDutySchedule.China ? "China schedule by date (sells)" : $"{Num(c.StampDuty.Steps[0].Rate)} on sells"),
            new("transfer fee", c.TransferFee.Steps.Count == 0 ? "none" : "China schedule by date"),
            new("slippage", $"{Num(c.SlippageBps)} bps + {Num(c.SlippagePerVolumeShare)} x volume share"),
            new("volume cap", Num(options.Rules.MaxVolumeShare)),
            new("filters", $"universe {(options.Filter.UniverseOnly ? "yes" : "no")}, suspended {(options.Filter.ExcludeSuspended ? "out" : "kept")}, " +
                           $"limit-hit {(options.Filter.ExcludeLimitHit ? "out" : "kept")}, min listing {options.Filter.MinListingDays} days"),
        ];
    }
}
