using AlphaSharp.Common;
namespace AlphaSharp.Backtest.Rules;

/// <summary>One step of a dated fee schedule: from <see cref="From"/> (inclusive) on, <see cref="Rate"/> of traded value.</summary>
public readonly record struct StampDutyStep(DateOnly From, double Rate, bool SellsOnly);

/// <summary>
/// China's stamp duty on A-share trades, by date. Before 2008-09-19 both sides paid; since then only the seller.
/// Steps: 0.1 % both sides from 2005-01-24, 0.3 % both sides from 2007-05-30, 0.1 % both sides from 2008-04-24,
/// 0.1 % sells only from 2008-09-19, 0.05 % sells only from 2023-08-28. Before the first step: nothing.
/// </summary>
public sealed class StampDutySchedule
{
    private readonly StampDutyStep[] _steps;

    public StampDutySchedule(IEnumerable<StampDutyStep> steps)
    {
        _steps = steps.OrderBy(s => s.From).ToArray();
        foreach (var s in _steps)
            if (!(s.Rate >= 0 && s.Rate < 1)) throw new ArgumentException($"stamp duty rate {s.Rate} from {s.From:yyyy-MM-dd} is not in [0, 1)");
    }

    public static StampDutySchedule China { get; } = new([
        new(new DateOnly(2005, 1, 24), 0.001, SellsOnly: false),
        new(new DateOnly(2007, 5, 30), 0.003, SellsOnly: false),
        new(new DateOnly(2008, 4, 24), 0.001, SellsOnly: false),
        new(new DateOnly(2008, 9, 19), 0.001, SellsOnly: true),
        new(new DateOnly(2023, 8, 28), 0.0005, SellsOnly: true),
    ]);

    public static StampDutySchedule None { get; } = new([]);

    /// <summary>A single rate on sells at every date.</summary>
    public static StampDutySchedule Flat(double sellRate) => new([new(DateOnly.MinValue, SettingParsers.InRange("stamp_duty", sellRate, 0, 0.1), SellsOnly: true)]);

    public IReadOnlyList<StampDutyStep> Steps => _steps;

    /// <summary>The rate (fraction of traded value) a trade on <paramref name="day"/> on <paramref name="side"/> pays.</summary>
    public double Rate(DateOnly day, OrderSide side)
    {
        for (var k = _steps.Length - 1; k >= 0; k--)
        {
            if (_steps[k].From > day) continue;
            return side == OrderSide.Sell || !_steps[k].SellsOnly ? _steps[k].Rate : 0;
        }
        return 0;
    }
}
