using AlphaSharp.Bench;

// One benchmark program, a verb per area; each runs AlphaSharp and its reference side by side and prints the ratio.
// An area adds its verb as one line here and its XBench.Run(args) class in its own file.
var verbs = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["data"] = DataBench.Run,
    ["nn"] = NnBench.Run,
    ["factors"] = FactorBench.Run,
    ["backtest"] = BacktestBench.Run,
    ["models"] = ModelsBench.Run,
    ["svm"] = SvmBench.Run,
    ["gbdt"] = GbdtBench.Run,
    ["rl"] = RlBench.Run,
};
if (args.Length == 0 || !verbs.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: AlphaSharp.Bench <{string.Join('|', verbs.Keys)}> [--quick] [options]");
    return 2;
}
return run(args[1..]);
