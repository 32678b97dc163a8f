namespace AlphaSharp.Nn.IO;

/// <summary>state_dict checkpoints as safetensors, keyed exactly as PyTorch keys them, so files cross over both ways.</summary>
public static class Checkpoint
{
    /// <summary>Saves every parameter and buffer of <paramref name="module"/> under its PyTorch key.</summary>
    public static void SaveSafeTensors(this Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
        => SafeTensors.Save(path, module.StateDict(), metadata);

    /// <summary>Loads a safetensors state_dict into <paramref name="module"/> (strict: every key must match, as in PyTorch).</summary>
    public static void LoadSafeTensors(this Module module, string path, bool strict = true)
    {
        var state = SafeTensors.Load(path);
        try { module.LoadStateDict(state, strict); }
        catch (ArgumentException e) { throw new ArgumentException($"{path}: {e.Message}", e); }
    }
}
