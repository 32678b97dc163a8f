namespace AlphaSharp.Models.Classical;

/// <summary>LightGBM refused a call: names the C function and carries LGBM_GetLastError's text.</summary>
public sealed class LightGbmException(string function, string message) : Exception($"LightGBM {function} failed: {message}")
{
    public string Function { get; } = function;
}
