namespace AlphaSharp.Nn;

/// <summary>How a loss folds its per-element values: PyTorch's reduction='mean' | 'sum' | 'none'.</summary>
public enum Reduction
{
    Mean,
    Sum,
    None,
}
