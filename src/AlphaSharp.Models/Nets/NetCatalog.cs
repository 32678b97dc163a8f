using AlphaSharp.Common;

namespace AlphaSharp.Models.Nets;

/// <summary>Every network kind by name: a workflow's <c>model: lstm</c> becomes the class that builds it.</summary>
public static class NetCatalog
{
    private static readonly Dictionary<string, Func<NetConfig, ulong, Net>> Kinds = new(StringComparer.Ordinal)
    {
        ["mlp"] = (c, s) => new Mlp(c, s),
        ["lstm"] = (c, s) => new RecurrentNet(c, s),
        ["gru"] = (c, s) => new RecurrentNet(c, s),
        ["rnn"] = (c, s) => new RecurrentNet(c, s),
        ["keras_lstm"] = (c, s) => new KerasReluLstm(c, s),
        ["alstm"] = (c, s) => new AttentionLstm(c, s),
        ["lstm_gru"] = (c, s) => new LstmGru(c, s),
        ["cnn"] = (c, s) => new Cnn(c, s),
        ["tcn"] = (c, s) => new Tcn(c, s),
        ["transformer"] = (c, s) => new TransformerNet(c, s),
        ["alphanet_v1"] = (c, s) => new AlphaNet.AlphaNetV1(c, s),
        ["alphanet_v2"] = (c, s) => new AlphaNet.AlphaNetRecurrent(c, s),
        ["alphanet_v3"] = (c, s) => new AlphaNet.AlphaNetRecurrent(c, s),
        ["alphanet_v4"] = (c, s) => new AlphaNet.AlphaNetV4(c, s),
    };

    public static IEnumerable<string> Names => Kinds.Keys;

    /// <summary>Paper 003's family; every other network is one of Qlib's benchmark models or the papers' baselines.</summary>
    public static bool IsAlphaNet(string kind) => kind.StartsWith("alphanet_", StringComparison.Ordinal);

    /// <summary>The networks Qlib's benchmark protocol runs (all but the AlphaNet family, which needs its own inputs and windows).</summary>
    public static IEnumerable<string> BenchmarkNames => Names.Where(n => !IsAlphaNet(n));

    public static Net Create(NetConfig config, ulong seed) =>
        Kinds.TryGetValue(config.Kind, out var make)
            ? make(config, seed)
            : throw new SettingException($"{new SettingName("model")}: '{config.Kind}' is not a network kind (known: {string.Join(", ", Kinds.Keys)})");
}
