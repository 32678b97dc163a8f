namespace AlphaSharp.Nn;

/// <summary>A module with one input and one output tensor: what <see cref="Sequential"/> chains.</summary>
public interface IUnaryModule
{
    Tensor Forward(Tensor input);
}
