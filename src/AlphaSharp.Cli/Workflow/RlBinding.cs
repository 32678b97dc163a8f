using System.Security.Cryptography;
using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Rl;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Binds a trading-agent workflow (one with an <c>agent</c> section): <c>stocks</c> (symbols of the store),
/// <c>segments</c> train and test, <c>account</c> (per_stock: each agent its equal share, the paper's; shared: the
/// trained agents also trade one account together), <c>environment</c> and <c>agent</c> onto the library's
/// <see cref="TradingEnvironmentOptions"/> and <see cref="DqnOptions"/>, the <c>backtest</c> rules and capital
/// (<c>initial_cash</c>), the <c>indices</c> to compare with (files relative to the workflow file, their SHA-256 in
/// the canonical document) and <c>report</c>.
/// </summary>
internal static class RlBinding
{
    public const string AgentKey = "agent";

    public static readonly SettingChoices<RewardKind> Rewards = new(("utility", RewardKind.Utility), ("return", RewardKind.Return), ("differential_sharpe", RewardKind.DifferentialSharpe));
    public static readonly SettingChoices<DqnLoss> LossKinds = new(("huber", DqnLoss.Huber), ("mse", DqnLoss.Mse));
    public static readonly SettingChoices<bool> Accounts = new(("per_stock", false), ("shared", true));

    /// <summary>Whether a workflow file's root is a trading-agent workflow.</summary>
    public static bool Is(YMap root) => root.Find(AgentKey) is not null;

    public static RlWorkflowSpec Bind(Section root, string origin, string name, IReadOnlyList<ulong> seeds, DataSpec data, StoreOutline? store,
        string? profile, IReadOnlyList<string> overrides, CanonicalDocument resolved)
    {
        var stocks = Stocks(root, store);
        var segments = DatasetBinding.Segments(root, store, 0, walkForward: false);
        if (segments.FirstOrDefault(g => g.Name == "valid") is not null)
            root.Problem("segments", "valid: an agent trains on train and is tested on test; nothing here is chosen on a valid span, so remove it");
        var train = segments.FirstOrDefault(g => g.Name == "train") ?? new Segment("train", default, default);
        var test = segments.FirstOrDefault(g => g.Name == "test") ?? new Segment("test", default, default);
        var shared = root.Choice("account", Accounts, false);
        var environment = Environment(root);
        var (agent, episodes) = Agent(root);
        var backtest = BacktestBinding.Backtest(root);
        if (backtest.Lag != 1) root.Problem("backtest", $"lag {backtest.Lag}: an agent decides at the close of day t and its order fills on day t + 1; give lag: 1");
        var indices = Indices(root, origin);
        var report = root.Sub("report");
        var title = report.Text("title", name);
        var claim = report.Scalar("claim");
        if (claim is not null) report.Output["claim"] = CanonicalDocument.Str(claim);
        report.Finish();
        return new RlWorkflowSpec(name, data, stocks, train, test, shared, environment, agent, episodes, backtest, indices, title, claim, seeds, profile, overrides, resolved, origin);
    }

    private static IReadOnlyList<string> Stocks(Section root, StoreOutline? store)
    {
        var node = root.Take("stocks");
        var stocks = new List<string>();
        if (node is not YSeq { Items.Count: > 0 } list)
        {
            root.Problem("stocks", "missing; give the list of stocks the agents trade, e.g. [SH601857, SH601398]");
            return stocks;
        }
        foreach (var item in list.Items)
        {
            if (item is not YScalar { Value: { } symbol })
            {
                root.ProblemAt(item, "stocks", "expected a symbol such as SH601857");
                continue;
            }
            if (stocks.Contains(symbol)) root.ProblemAt(item, "stocks", $"{symbol} is listed twice");
            else if (store is not null && !store.Symbols.Contains(symbol)) root.ProblemAt(item, "stocks", $"{symbol} is not in the store{Section.Hint(symbol, store.Symbols)}");
            else stocks.Add(symbol);
        }
        root.Output["stocks"] = stocks.ToList();
        return stocks;
    }

    private static TradingEnvironmentOptions Environment(Section root)
    {
        var s = root.Sub("environment");
        var d = new TradingEnvironmentOptions();
        var options = new TradingEnvironmentOptions
        {
            Window = s.Int("window", d.Window, 1),
            Reward = s.Choice("reward", Rewards, d.Reward),
            RiskAversion = s.Number("risk_aversion", d.RiskAversion, 0, double.MaxValue),
            UtilityWindow = s.Int("utility_window", d.UtilityWindow, 2),
            SharpeRate = s.Number("sharpe_rate", d.SharpeRate, 0, 1, aboveMin: true),
            BuyFraction = s.Number("buy_fraction", d.BuyFraction, 0, 1, aboveMin: true),
            SellFraction = s.Number("sell_fraction", d.SellFraction, 0, 1, aboveMin: true),
        };
        s.Check(options.Validate);
        s.Finish();
        return options;
    }

    private static (DqnOptions Options, int Episodes) Agent(Section root)
    {
        var s = root.Sub(AgentKey);
        var d = new DqnOptions();
        var episodes = s.Int("episodes", 10, 1);
        var epsilon = s.OptionalNumber("epsilon", 0, 1);
        if (epsilon is not null && (s.Has("epsilon_start") || s.Has("epsilon_end")))
            s.Problem("epsilon", "a fixed epsilon, or epsilon_start / epsilon_end / epsilon_decay_steps for a schedule: not both");
        // A fixed epsilon resolves to a schedule from it to itself, so both spellings make the same configuration.
        var start = s.Number("epsilon_start", epsilon ?? d.EpsilonStart, 0, 1);
        var end = s.Number("epsilon_end", epsilon ?? d.EpsilonEnd, 0, 1);
        var options = new DqnOptions
        {
            Hidden = s.Int("hidden_size", d.Hidden, 1),
            Layers = s.Int("num_layers", d.Layers, 1),
            Gamma = s.Number("gamma", d.Gamma, 0, 1),
            LearningRate = s.Number("lr", d.LearningRate, 0, double.MaxValue, aboveMin: true),
            BatchSize = s.Int("batch_size", d.BatchSize, 1),
            ReplayCapacity = s.Int("replay", d.ReplayCapacity, 1),
            WarmUp = s.Int("warm_up", d.WarmUp, 1),
            TrainEvery = s.Int("train_every", d.TrainEvery, 1),
            TargetEvery = s.Int("target_every", d.TargetEvery, 1),
            Tau = s.Number("tau", d.Tau, 0, 1),
            Loss = s.Choice("loss", LossKinds, d.Loss),
            DoubleDqn = s.Bool("double_dqn", d.DoubleDqn),
            ClipNorm = s.Number("clip_norm", d.ClipNorm, 0, double.MaxValue),
            EpsilonStart = start,
            EpsilonEnd = end,
            EpsilonDecaySteps = s.Int("epsilon_decay_steps", d.EpsilonDecaySteps, 1),
            MaxEpisodeSteps = s.Int("max_episode_steps", d.MaxEpisodeSteps, 0),
        };
        s.Check(options.Validate);
        s.Finish();
        return (options, episodes);
    }

    private static IReadOnlyList<IndexFile> Indices(Section root, string origin)
    {
        var s = root.Sub("indices");
        var indices = new List<IndexFile>();
        foreach (var key in s.Keys.ToList())
        {
            var file = s.Scalar(key);
            if (file is null) continue;
            var path = Path.IsPathRooted(file) ? file : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(origin)) ?? ".", file);
            if (!System.IO.File.Exists(path))
            {
                s.Problem(key, $"'{file}': no such file (read relative to the workflow file: {path})");
                continue;
            }
            s.Output[key] = new SortedDictionary<string, object>(StringComparer.Ordinal)
            {
                ["file"] = CanonicalDocument.Str(file),
                ["sha256"] = CanonicalDocument.Str(Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(path)))),
            };
            indices.Add(new IndexFile(key, path));
        }
        s.Finish();
        return indices;
    }
}
