namespace AlphaSharp.Models.Rl;

/// <summary>
/// An episodic environment with discrete actions whose observations are <see cref="Steps"/> x <see cref="StepFeatures"/>
/// (oldest step first), as a recurrent Q-network reads them.
/// </summary>
public interface IEnvironment
{
    int Steps { get; }
    int StepFeatures { get; }
    int Actions { get; }
    float[] Reset();
    (float[] Observation, double Reward, bool Done) Step(int action);
}

/// <summary>The trading environment as an <see cref="IEnvironment"/> (hold, buy, sell).</summary>
public sealed class TradingEnvironmentAdapter(TradingEnvironment env) : IEnvironment
{
    public TradingEnvironment Environment => env;
    public int Steps => env.Window;
    public int StepFeatures => env.StepFeatures;
    public int Actions => 3;
    public float[] Reset() => env.Reset();

    public (float[] Observation, double Reward, bool Done) Step(int action)
    {
        var s = env.Step((TradeAction)action);
        return (s.Observation, s.Reward, s.Done);
    }
}
