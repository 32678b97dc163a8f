namespace AlphaSharp.Nn;

/// <summary>torch.nn.ReLU.</summary>
public sealed class ReLU : Module, IUnaryModule
{
    public Tensor Forward(Tensor input) => input.Relu();
}

/// <summary>torch.nn.LeakyReLU (default slope 0.01).</summary>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : Module, IUnaryModule
{
    public float NegativeSlope { get; } = negativeSlope;
    public Tensor Forward(Tensor input) => input.LeakyRelu(NegativeSlope);
}

/// <summary>torch.nn.Tanh.</summary>
public sealed class Tanh : Module, IUnaryModule
{
    public Tensor Forward(Tensor input) => input.Tanh();
}

/// <summary>torch.nn.Sigmoid.</summary>
public sealed class Sigmoid : Module, IUnaryModule
{
    public Tensor Forward(Tensor input) => input.Sigmoid();
}

/// <summary>torch.nn.GELU; approximate "none" (erf) or "tanh".</summary>
public sealed class GELU : Module, IUnaryModule
{
    public GELU(string approximate = "none")
    {
        if (approximate is not ("none" or "tanh")) throw new ArgumentException($"GELU: approximate must be 'none' or 'tanh', got '{approximate}'");
        Approximate = approximate;
    }

    public string Approximate { get; }
    public Tensor Forward(Tensor input) => input.Gelu(Approximate == "tanh");
}

/// <summary>torch.nn.ELU (default alpha 1).</summary>
public sealed class ELU(float alpha = 1f) : Module, IUnaryModule
{
    public float Alpha { get; } = alpha;
    public Tensor Forward(Tensor input) => input.Elu(Alpha);
}

/// <summary>torch.nn.Softmax over one dim.</summary>
public sealed class Softmax(int dim) : Module, IUnaryModule
{
    public int Dim { get; } = dim;
    public Tensor Forward(Tensor input) => input.Softmax(Dim);
}

/// <summary>torch.nn.Identity.</summary>
public sealed class Identity : Module, IUnaryModule
{
    public Tensor Forward(Tensor input) => input;
}
