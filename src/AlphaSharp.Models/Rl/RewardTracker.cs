namespace AlphaSharp.Models.Rl;

/// <summary>Turns each step's account return into the reward the options ask for; <see cref="Reset"/> at each episode.</summary>
internal sealed class RewardTracker(TradingEnvironmentOptions options)
{
    private readonly Queue<double> _recent = new();
    private double _a, _b;

    public void Reset()
    {
        _recent.Clear();
        _a = _b = 0;
    }

    public double Next(double r)
    {
        switch (options.Reward)
        {
            case RewardKind.Return:
                return r;
            case RewardKind.DifferentialSharpe:
            {
                // D_t = (B_{t-1} dA - A_{t-1} dB / 2) / (B_{t-1} - A_{t-1}^2)^(3/2), then A and B move by eta toward r and r^2.
                var dA = r - _a;
                var dB = r * r - _b;
                var variance = _b - _a * _a;
                var d = variance > 1e-18 ? (_b * dA - 0.5 * _a * dB) / Math.Pow(variance, 1.5) : 0;
                _a += options.SharpeRate * dA;
                _b += options.SharpeRate * dB;
                return d;
            }
            default:
            {
                _recent.Enqueue(r);
                if (_recent.Count > options.UtilityWindow) _recent.Dequeue();
                var n = _recent.Count;
                var mean = _recent.Average();
                var std = n > 1 ? Math.Sqrt(_recent.Sum(x => (x - mean) * (x - mean)) / (n - 1)) : 0;
                return mean - options.RiskAversion * std;
            }
        }
    }
}
