using AlphaSharp.Common;

namespace AlphaSharp.Backtest;

/// <summary>
/// A run's position and trade tables as CSV (shortest round-trip numbers, NaN = empty):
/// positions.csv: <c>date,symbol,shares,price,value,weight</c>, one row per holding per day at the day's close
/// (price = the last close while suspended; weight = share of the portfolio value, cash included);
/// trades.csv: <c>date,symbol,side,shares,market_price,price,value,commission,stamp_duty,transfer_fee,slippage,total_cost,note</c>,
/// one row per order outcome: fills (price = after slippage, value = shares x price) and refusals (shares 0, note says why);
/// daily.csv: <c>date,value,cash,bought,sold,turnover,costs,holdings</c>, the account at each close (turnover = (bought +
/// sold) / the previous close's value; costs = fees and slippage paid that day; holdings = stocks held).
/// </summary>
public static class BacktestCsv
{
    public const string PositionsFile = "positions.csv";
    public const string TradesFile = "trades.csv";
    public const string LayersFile = "layers.csv";
    public const string DailyFile = "daily.csv";

    public static void Stage(AtomicFileSet files, string dir, BacktestResult r)
    {
        files.Add(Path.Combine(dir, PositionsFile), w => WritePositions(w, r));
        files.Add(Path.Combine(dir, TradesFile), w => WriteTrades(w, r));
        files.Add(Path.Combine(dir, DailyFile), w => WriteDaily(w, r));
    }

    public static void WriteDaily(TextWriter w, BacktestResult r)
    {
        var cal = r.Market.Calendar;
        CsvTable.WriteTo(w, ["date", "value", "cash", "bought", "sold", "turnover", "costs", "holdings"],
            Enumerable.Range(0, r.Count).Select(k => (IReadOnlyList<string>)[CsvTable.Date(cal[r.Days[k]]), CsvTable.Number(r.Values[k]),
                CsvTable.Number(r.Cash[k]), CsvTable.Number(r.Bought[k]), CsvTable.Number(r.Sold[k]), CsvTable.Number(r.Turnover[k]),
                CsvTable.Number(r.CostsPaid[k]), r.Holdings[k].ToString(System.Globalization.CultureInfo.InvariantCulture)]),
            DailyFile);
    }

    public static void WritePositions(TextWriter w, BacktestResult r)
    {
        var cal = r.Market.Calendar;
        CsvTable.WriteTo(w, ["date", "symbol", "shares", "price", "value", "weight"],
            r.Positions.Select(p => (IReadOnlyList<string>)[CsvTable.Date(cal[p.Day]), r.Market.Symbols[p.Instrument],
                CsvTable.Number(p.Shares), CsvTable.Number(p.Price), CsvTable.Number(p.Value), CsvTable.Number(p.Weight)]),
            PositionsFile);
    }

    public static void WriteTrades(TextWriter w, BacktestResult r)
    {
        var cal = r.Market.Calendar;
        CsvTable.WriteTo(w,
            ["date", "symbol", "side", "shares", "market_price", "price", "value", "commission", "stamp_duty", "transfer_fee", "slippage", "total_cost", "note"],
            r.Trades.Select(t => (IReadOnlyList<string>)[CsvTable.Date(cal[t.Day]), r.Market.Symbols[t.Instrument],
                t.Side == OrderSide.Buy ? "buy" : "sell", CsvTable.Number(t.Shares), CsvTable.Number(t.MarketPrice), CsvTable.Number(t.Price),
                CsvTable.Number(t.Value), CsvTable.Number(t.Costs.Commission), CsvTable.Number(t.Costs.StampDuty),
                CsvTable.Number(t.Costs.TransferFee), CsvTable.Number(t.Costs.Slippage), CsvTable.Number(t.Costs.Total), t.Note]),
            TradesFile);
    }

    /// <summary>layers.csv: <c>date,layer_1..layer_L,benchmark</c>, the daily returns of every layer of a layered test (same days in each run).</summary>
    public static void StageLayers(AtomicFileSet files, string dir, IReadOnlyList<BacktestResult> layers)
    {
        var first = layers[0];
        var cal = first.Market.Calendar;
        var header = new List<string> { "date" };
        header.AddRange(Enumerable.Range(1, layers.Count).Select(k => $"layer_{k}"));
        header.Add("benchmark");
        files.Add(Path.Combine(dir, LayersFile), w => CsvTable.WriteTo(w, header,
            Enumerable.Range(0, first.Count).Select(k =>
            {
                var row = new List<string> { CsvTable.Date(cal[first.Days[k]]) };
                row.AddRange(layers.Select(l => CsvTable.Number(l.StrategyReturns[k])));
                row.Add(CsvTable.Number(first.BenchmarkReturns[k]));
                return (IReadOnlyList<string>)row;
            }), LayersFile));
    }
}
