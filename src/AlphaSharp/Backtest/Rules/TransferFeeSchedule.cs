namespace AlphaSharp.Backtest.Rules;

/// <summary>
/// One step of the transfer fee (过户费), paid by both sides: <see cref="ValueRate"/> of traded value on both exchanges,
/// plus, for Shanghai stocks, <see cref="ShanghaiPerShare"/> CNY per share with a floor of <see cref="ShanghaiMinimum"/> CNY.
/// </summary>
public readonly record struct TransferFeeStep(DateOnly From, double ValueRate, double ShanghaiPerShare, double ShanghaiMinimum);

/// <summary>
/// The transfer fee by date. China: Shanghai only, 1 CNY per 1,000 shares (minimum 1 CNY) until 2012-08-31 and 0.6 CNY
/// per 1,000 shares from 2012-09-01; 0.002 % of value on both exchanges from 2015-08-01; 0.001 % from 2022-04-29.
/// </summary>
public sealed class TransferFeeSchedule
{
    private readonly TransferFeeStep[] _steps;

    public TransferFeeSchedule(IEnumerable<TransferFeeStep> steps)
    {
        _steps = steps.OrderBy(s => s.From).ToArray();
        foreach (var s in _steps)
            if (!(s.ValueRate >= 0 && s.ValueRate < 1 && s.ShanghaiPerShare >= 0 && s.ShanghaiMinimum >= 0))
                throw new ArgumentException($"transfer fee step from {s.From:yyyy-MM-dd} has a negative or impossible rate");
    }

    public static TransferFeeSchedule China { get; } = new([
        new(DateOnly.MinValue, 0, 0.001, 1),
        new(new DateOnly(2012, 9, 1), 0, 0.0006, 1),
        new(new DateOnly(2015, 8, 1), 0.00002, 0, 0),
        new(new DateOnly(2022, 4, 29), 0.00001, 0, 0),
    ]);

    public static TransferFeeSchedule None { get; } = new([]);

    public IReadOnlyList<TransferFeeStep> Steps => _steps;

    public double Fee(DateOnly day, bool shanghai, double shares, double value)
    {
        for (var k = _steps.Length - 1; k >= 0; k--)
        {
            var s = _steps[k];
            if (s.From > day) continue;
            var fee = s.ValueRate * value;
            if (shanghai && s.ShanghaiPerShare > 0) fee += Math.Max(s.ShanghaiPerShare * shares, s.ShanghaiMinimum);
            return fee;
        }
        return 0;
    }
}
