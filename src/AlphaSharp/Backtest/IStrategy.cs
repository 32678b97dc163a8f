namespace AlphaSharp.Backtest;

/// <summary>
/// Turns the scores of decision day t into a <see cref="Decision"/>. It sees only <see cref="DecisionContext"/>,
/// which holds nothing dated after t. Strategies may keep state between calls (they are called in date order);
/// <see cref="Reset"/> starts a new run.
/// </summary>
public interface IStrategy
{
    string Name { get; }
    void Reset();
    /// <summary>Fills <paramref name="decision"/> (already cleared); leaving it empty means no trades.</summary>
    void Decide(DecisionContext context, Decision decision);
}
