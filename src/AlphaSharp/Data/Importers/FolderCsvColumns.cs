using System.Globalization;
using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>One panel field read from a source column, times a unit scale (e.g. tushare's vol in lots x 100 = shares).</summary>
public sealed record FolderCsvField(string Field, string Column, double Scale = 1);

/// <summary>
/// Which source column feeds which field: a date column, an optional symbol column (else the file name gives the
/// symbol) and the value fields. Written as <c>date=trade_date,symbol=ts_code,close=close,volume=vol*100</c>, or as a
/// preset name (<c>tushare</c>, <c>akshare</c>) optionally followed by overrides (<c>tushare,factor=adj_factor</c>).
/// After scaling, prices are CNY per share, volume is shares and amount is CNY.
/// </summary>
public sealed class FolderCsvColumns
{
    public const string Auto = "auto";

    public FolderCsvColumns(string date, string? symbol, IEnumerable<FolderCsvField> fields, string description)
    {
        Date = date;
        Symbol = symbol;
        Fields = fields.ToList();
        Description = description;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in Fields)
            if (!seen.Add(f.Field)) throw new InputException($"column map: field '{f.Field}' is mapped twice");
    }

    public string Date { get; }
    public string? Symbol { get; }
    public IReadOnlyList<FolderCsvField> Fields { get; }
    public string Description { get; }

    /// <summary>tushare <c>pro.daily</c>: trade_date yyyyMMdd, vol in lots of 100 shares, amount in thousands of CNY.</summary>
    public static FolderCsvColumns Tushare => new("trade_date", "ts_code",
    [
        new("open", "open"), new("high", "high"), new("low", "low"), new("close", "close"),
        new("volume", "vol", 100), new("amount", "amount", 1000),
    ], "tushare");

    /// <summary>akshare <c>stock_zh_a_hist</c>: Chinese headers, 成交量 in lots of 100 shares, 成交额 in CNY; symbol from the file name.</summary>
    public static FolderCsvColumns Akshare => new("日期", null,
    [
        new("open", "开盘"), new("high", "最高"), new("low", "最低"), new("close", "收盘"),
        new("volume", "成交量", 100), new("amount", "成交额"),
    ], "akshare");

    /// <summary>
    /// Parses a map such as <c>tushare,factor=adj_factor</c> or <c>date=day,open=o,close=c,volume=v*100</c>.
    /// Mapping a field to nothing (<c>amount=</c>) drops it.
    /// </summary>
    public static FolderCsvColumns Parse(string spec)
    {
        string? date = null, symbol = null;
        var fields = new List<FolderCsvField>();
        var items = spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new InputException("column map: empty; give a preset (tushare, akshare) or pairs like date=trade_date,close=close");
        for (var k = 0; k < items.Length; k++)
        {
            var item = items[k];
            var eq = item.IndexOf('=');
            if (eq < 0)
            {
                var preset = Preset(item)
                             ?? throw new InputException($"column map: item {k + 1} '{item}' is neither a preset (tushare, akshare) nor field=column[*scale]");
                if (k != 0) throw new InputException($"column map: preset '{item}' must come first, before the field=column overrides");
                (date, symbol) = (preset.Date, preset.Symbol);
                fields.AddRange(preset.Fields);
                continue;
            }
            var target = item[..eq].Trim();
            var source = item[(eq + 1)..].Trim();
            if (target.Length == 0) throw new InputException($"column map: item {k + 1} '{item}' has no field name before '='");
            var scale = 1.0;
            var star = source.LastIndexOf('*');
            if (star >= 0)
            {
                var scaleText = source[(star + 1)..].Trim();
                if (!double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out scale) || !double.IsFinite(scale) || scale == 0)
                    throw new InputException($"column map: item {k + 1} '{item}': scale '{scaleText}' is not a non-zero number");
                source = source[..star].Trim();
            }
            switch (target.ToLowerInvariant())
            {
                case "date":
                    if (source.Length == 0 || star >= 0) throw new InputException($"column map: item {k + 1} '{item}': date needs a column and takes no scale");
                    date = source;
                    break;
                case "symbol":
                    if (star >= 0) throw new InputException($"column map: item {k + 1} '{item}': symbol takes no scale");
                    symbol = source.Length == 0 ? null : source;
                    break;
                default:
                    fields.RemoveAll(f => f.Field == target);
                    if (source.Length > 0) fields.Add(new FolderCsvField(target, source, scale));
                    break;
            }
        }
        if (date is null) throw new InputException($"column map '{spec}': no date column; add date=<column>");
        if (fields.Count == 0) throw new InputException($"column map '{spec}': no value fields; add pairs like close=close");
        return new FolderCsvColumns(date, symbol, fields, spec);
    }

    public static FolderCsvColumns? Preset(string name) => name.ToLowerInvariant() switch
    {
        "tushare" => Tushare,
        "akshare" => Akshare,
        _ => null,
    };

    /// <summary>
    /// Guesses the map from a header: tushare's trade_date, akshare's 日期, or our own names (date, symbol and every
    /// other column as a field of the same name, unscaled).
    /// </summary>
    public static FolderCsvColumns? Detect(IReadOnlyList<string> header)
    {
        bool Has(string c) => header.Any(h => h.Equals(c, StringComparison.OrdinalIgnoreCase));
        if (Has("trade_date") && Has("vol")) return Tushare;
        if (Has("日期") && Has("收盘")) return Akshare;
        if (!Has("date")) return null;
        var symbol = header.FirstOrDefault(h => h.Equals("symbol", StringComparison.OrdinalIgnoreCase));
        var fields = header.Where(h => !h.Equals("date", StringComparison.OrdinalIgnoreCase) && !h.Equals("symbol", StringComparison.OrdinalIgnoreCase))
            .Select(h => new FolderCsvField(h.ToLowerInvariant(), h));
        return new FolderCsvColumns(header.First(h => h.Equals("date", StringComparison.OrdinalIgnoreCase)), symbol, fields, "date,symbol,<fields> (same names)");
    }
}
