namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>One extraction channel that entered the network, e.g. ts_corr over (close, volume) at d = 10, and how much weight the network gives it.</summary>
public sealed record ChannelSignificance(string Operator, IReadOnlyList<string> Inputs, int Window, double Weight)
{
    public string Name => $"{Operator}({string.Join(',', Inputs)},{Window})";
}

/// <summary>
/// A network that can say, channel by channel, how much of its first learned layer reads each operator output: paper
/// 003's interpretability view ("the absolute value of the neural network parameters").
/// </summary>
public interface IChannelSignificance
{
    /// <param name="inputNames">The names of the network's input series, in its column order.</param>
    IReadOnlyList<ChannelSignificance> Significance(IReadOnlyList<string> inputNames);
}
