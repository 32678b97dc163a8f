namespace AlphaSharp.Data.Qlib;

/// <summary>How to read a Qlib directory; null leaves a choice to the directory (its manifest, then Qlib's defaults).</summary>
public sealed record QlibImportOptions
{
    /// <summary>Null: raw if AlphaSharp's manifest says so, else Qlib's own adjusted convention.</summary>
    public QlibPriceConvention? Prices { get; init; }

    /// <summary>
    /// Null: the manifest's (an AlphaSharp export stores volume the way it stores prices), else what the ex-date check
    /// (<see cref="QlibVolumeCheck"/>) finds in the data, else Qlib's cn_data convention (adjusted). When set, the check
    /// still runs and a disagreement is reported as a finding.
    /// </summary>
    public QlibVolumeConvention? Volume { get; init; }

    /// <summary>Instruments file (without .txt) that holds index membership. Null: the manifest's, else csi300, else the only non-"all" file.</summary>
    public string? Universe { get; init; }

    /// <summary>
    /// Instrument read as the benchmark instead of a stock. Null: the manifest's, else SH000300 when present, else the
    /// only index series (SH000xxx, SZ399xxx) in all.txt.
    /// </summary>
    public string? Benchmark { get; init; }
}

/// <summary>An import and what the user should hear about it: one line per finding (listed folders missing, fields missing, ...).</summary>
public sealed record QlibImport(MarketData Data, IReadOnlyList<string> Findings);
