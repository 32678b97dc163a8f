namespace AlphaSharp.Data.Validation;

/// <summary>How much a finding matters: only errors can fail <c>data validate --strict</c>.</summary>
public enum Severity
{
    /// <summary>The data is wrong as stored (inconsistent OHLC, a non-positive price, a duplicate row).</summary>
    Error,

    /// <summary>Real but unusual, or missing: a study must handle it (resumption jumps, members without data, gaps).</summary>
    Warning,
}

/// <summary>One example of a finding: where, and a line saying what.</summary>
public sealed record ValidationExample(string? Symbol, DateOnly? Date, double Magnitude, string Text);

/// <summary>The outcome of one check: how many findings, the most telling examples, or why it did not run.</summary>
public sealed record CheckResult(
    string Id,
    string Title,
    Severity Severity,
    string Unit,
    long Count,
    IReadOnlyList<ValidationExample> Examples,
    string? Skipped = null)
{
    public bool Ran => Skipped is null;

    public static CheckResult Skip(string id, string title, Severity severity, string unit, string reason) =>
        new(id, title, severity, unit, 0, [], reason);
}

/// <summary>A check over a whole <see cref="MarketData"/>.</summary>
public interface IMarketCheck
{
    CheckResult Run(MarketData data, ValidationOptions options);
}

/// <summary>Knobs shared by the checks.</summary>
public sealed record ValidationOptions
{
    /// <summary>Examples kept per check, the largest first.</summary>
    public int Examples { get; init; } = 5;

    /// <summary>
    /// Added to a board's daily limit before a move counts as beyond it: prices are rounded to 0.01 CNY and the
    /// exchange rounds the limit price, so a legal limit-up can read a little over 10 %.
    /// </summary>
    public double LimitTolerance { get; init; } = 0.01;

    /// <summary>Daily price limits by board and date (configurable, e.g. for another market's rules).</summary>
    public PriceLimitRules Limits { get; init; } = PriceLimitRules.Default;

    /// <summary>First trading rows of a stock that have no or wider limits (listing days) and are not judged by them.</summary>
    public int ListingDays { get; init; } = 5;
}

/// <summary>
/// Counts findings and keeps the <c>k</c> largest by magnitude (earlier ones first among equals), so a check can run
/// over millions of rows in constant memory.
/// </summary>
public sealed class FindingCollector(int keep)
{
    private readonly PriorityQueue<ValidationExample, (double Magnitude, long NegSeq)> _top = new();
    private long _seq;

    public long Count { get; private set; }

    public void Add(string? symbol, DateOnly? date, double magnitude, string text) => Add(1, symbol, date, magnitude, text);

    /// <summary>Adds a finding that stands for <paramref name="count"/> units (e.g. a gap of several days).</summary>
    public void Add(long count, string? symbol, DateOnly? date, double magnitude, string text)
    {
        Count += count;
        if (keep <= 0) return;
        _top.Enqueue(new ValidationExample(symbol, date, magnitude, text), (magnitude, -_seq++));
        if (_top.Count > keep) _top.Dequeue();
    }

    public IReadOnlyList<ValidationExample> Examples()
    {
        var items = new List<(ValidationExample E, (double M, long S) P)>();
        foreach (var (e, p) in _top.UnorderedItems) items.Add((e, p));
        return items.OrderByDescending(x => x.P.M).ThenByDescending(x => x.P.S).Select(x => x.E).ToList();
    }

    public CheckResult Result(string id, string title, Severity severity, string unit) =>
        new(id, title, severity, unit, Count, Examples());
}
