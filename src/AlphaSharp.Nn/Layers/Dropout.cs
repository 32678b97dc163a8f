namespace AlphaSharp.Nn;

/// <summary>Inverted dropout while training, identity in eval mode (torch.nn.Dropout). Draws from its own generator.</summary>
public sealed class Dropout : Module, IUnaryModule
{
    private readonly Rng _rng;

    public Dropout(float p, Rng rng)
    {
        if (!(p >= 0f && p <= 1f)) throw new ArgumentException($"Dropout: probability {p} is not in [0, 1]");
        P = p;
        _rng = rng;
    }

    public float P { get; }

    public Tensor Forward(Tensor input) => input.Dropout(P, _rng, Training);
}
