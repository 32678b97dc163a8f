using AlphaSharp.Common;

namespace AlphaSharp.Models.Rl;

public enum DqnLoss
{
    Huber,
    Mse,
}

/// <summary>
/// A DQN's settings: the LSTM Q-network (<see cref="Layers"/> layers of <see cref="Hidden"/>, a linear head over the
/// actions), the discount, Adam's rate, the replay (capacity, warm-up before the first update, batch), the target
/// network (a copy every <see cref="TargetEvery"/> updates, or a soft update by <see cref="Tau"/> after each), the
/// loss, Double DQN, gradient clipping and the exploration: epsilon from <see cref="EpsilonStart"/> to
/// <see cref="EpsilonEnd"/> over <see cref="EpsilonDecaySteps"/> steps (paper 002 acts greedily with probability
/// 0.85: a fixed epsilon of 0.15). Every draw comes from <see cref="Seed"/>.
/// </summary>
public sealed record DqnOptions
{
    public int Hidden { get; init; } = 32;
    public int Layers { get; init; } = 2;
    public double Gamma { get; init; } = 0.99;
    public double LearningRate { get; init; } = 1e-3;
    public int BatchSize { get; init; } = 32;
    public int ReplayCapacity { get; init; } = 10_000;
    public int WarmUp { get; init; } = 256;
    public int TrainEvery { get; init; } = 1;
    public int TargetEvery { get; init; } = 250;
    public double Tau { get; init; }
    public DqnLoss Loss { get; init; } = DqnLoss.Huber;
    public bool DoubleDqn { get; init; }
    public double ClipNorm { get; init; } = 10;
    public double EpsilonStart { get; init; } = 0.15;
    public double EpsilonEnd { get; init; } = 0.15;
    public int EpsilonDecaySteps { get; init; } = 1;
    /// <summary>Steps after which an episode is cut (its last transition stored as not terminal); 0: none.</summary>
    public int MaxEpisodeSteps { get; init; }
    public ulong Seed { get; init; } = 1;

    public double EpsilonAt(long step) =>
        step >= EpsilonDecaySteps ? EpsilonEnd : EpsilonStart + (EpsilonEnd - EpsilonStart) * step / EpsilonDecaySteps;

    public void Validate()
    {
        if (Hidden < 1 || Layers < 1) throw new SettingException($"{new SettingName("hidden_size")} {Hidden} x {new SettingName("num_layers")} {Layers}: at least 1 each");
        if (!(Gamma >= 0 && Gamma <= 1)) throw new SettingException($"{new SettingName("gamma")} {Gamma}: must be in [0, 1]");
        if (!(LearningRate > 0)) throw new SettingException($"{new SettingName("lr")} {LearningRate}: must be positive");
        if (BatchSize < 1 || ReplayCapacity < BatchSize) throw new SettingException($"{new SettingName("replay")} {ReplayCapacity}: at least one batch ({BatchSize})");
        if (WarmUp < 1 || TrainEvery < 1 || TargetEvery < 1) throw new SettingException($"{new SettingName("warm_up")}, train_every and target_every: at least 1 each");
        if (!(Tau >= 0 && Tau <= 1)) throw new SettingException($"{new SettingName("tau")} {Tau}: must be in [0, 1] (0: hard copies every target_every updates)");
        if (!(EpsilonStart is >= 0 and <= 1) || !(EpsilonEnd is >= 0 and <= 1) || EpsilonDecaySteps < 1)
            throw new SettingException($"{new SettingName("epsilon")} {EpsilonStart} to {EpsilonEnd} over {EpsilonDecaySteps} steps: probabilities in [0, 1] and at least 1 step");
        if (!(ClipNorm >= 0)) throw new SettingException($"{new SettingName("clip_norm")} {ClipNorm}: 0 (none) or more");
        if (MaxEpisodeSteps < 0) throw new SettingException($"{new SettingName("max_episode_steps")} {MaxEpisodeSteps}: 0 (none) or more");
    }
}
