namespace AlphaSharp.Data.Validation;

/// <summary>
/// The first traded day after a suspension (volume-0 rows or missing rows) whose adjusted move from the last close
/// exceeds the board's daily limit. Often genuine (restructurings resume without a limit), but a study must know:
/// the move is not one day's information, and such a stock cannot be traded into before it.
/// </summary>
public sealed class ResumptionMoveCheck : IMarketCheck
{
    public const string Id = "resumption-moves";
    private const string Title = "extreme moves on resumption days after suspensions";

    public CheckResult Run(MarketData data, ValidationOptions options)
    {
        var p = data.Panel;
        if (!p.HasField("close") || !p.HasField("volume"))
            return CheckResult.Skip(Id, Title, Severity.Warning, "days", "needs close and volume fields");
        var found = new FindingCollector(options.Examples);
        var limits = new DailyLimits(options.Limits);
        var pause = 0; // rows without trading (volume 0 or missing) since the last traded row
        var instrument = -1;
        foreach (var s in DailySteps.Of(p))
        {
            if (s.Instrument != instrument) (pause, instrument) = (0, s.Instrument);
            pause += s.To - s.From - 1 + (s.Traded0 ? 0 : 1);
            if (!s.Traded1 || pause == 0) continue;
            var days = pause;
            pause = 0;
            var symbol = p.Symbols[s.Instrument];
            var day = p.Calendar[s.To];
            var limit = limits.For(symbol, day);
            var adj = s.AdjustedReturn;
            if (Math.Abs(adj) <= limit + options.LimitTolerance) continue;
            found.Add(symbol, day, Math.Abs(adj),
                $"{symbol} {day:yyyy-MM-dd}: {DailySteps.Percent(adj)} adjusted, from {OhlcCheck.F(s.RawClose0)} to {OhlcCheck.F(s.RawClose1)} raw, " +
                $"after {days} day(s) without trading");
        }
        return found.Result(Id, Title, Severity.Warning, "days");
    }
}
