using AlphaSharp.Models.Rl;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Tests.Rl;

/// <summary>
/// The DQN machinery on a five-state chain whose optimal Q-values are known in closed form: stay (0), right (1) or
/// left (2); entering state 4 pays 1 and ends the episode; every episode starts in a uniformly drawn state 0..3.
/// With discount g, V*(s) = g^(3 - s), Q*(s, right) = V*(s), Q*(s, stay) = g V*(s), Q*(s, left) = g V*(max(s - 1, 0)).
/// </summary>
public sealed class DqnChainTests
{
    private const double Gamma = 0.9;

    private sealed class Chain(ulong seed) : IEnvironment
    {
        private readonly Rng _rng = new(seed);
        private int _s;

        public int Steps => 1;
        public int StepFeatures => 5;
        public int Actions => 3;

        public float[] Reset()
        {
            _s = _rng.NextInt(4);
            return OneHot(_s);
        }

        public (float[] Observation, double Reward, bool Done) Step(int action)
        {
            _s = action switch { 1 => _s + 1, 2 => Math.Max(_s - 1, 0), _ => _s };
            return (OneHot(_s), _s == 4 ? 1 : 0, _s == 4);
        }
    }

    private static float[] OneHot(int s)
    {
        var x = new float[5];
        x[s] = 1;
        return x;
    }

    private static double Optimal(int s, int a)
    {
        double V(int x) => Math.Pow(Gamma, 3 - x);
        return a switch { 1 => V(s), 0 => Gamma * V(s), _ => Gamma * V(Math.Max(s - 1, 0)) };
    }

    private static DqnOptions Options(bool doubleDqn) => new()
    {
        Hidden = 16, Layers = 2, Gamma = Gamma, LearningRate = 3e-3, BatchSize = 32, ReplayCapacity = 5_000, WarmUp = 200,
        TargetEvery = 100, Loss = DqnLoss.Mse, DoubleDqn = doubleDqn, EpsilonStart = 1, EpsilonEnd = 0.5, EpsilonDecaySteps = 1_000,
        MaxEpisodeSteps = 20, Seed = 11,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Converges_to_the_known_optimal_q_values_within_0_05(bool doubleDqn)
    {
        var agent = new DqnAgent(1, 5, 3, Options(doubleDqn));
        agent.Train(new Chain(3), 1_000);
        for (var s = 0; s < 4; s++)
        {
            var q = agent.QValues(OneHot(s));
            for (var a = 0; a < 3; a++)
                Assert.True(Math.Abs(q[a] - Optimal(s, a)) < 0.05, $"Q({s}, {a}) = {q[a]:F4}, optimal {Optimal(s, a):F4} (double: {doubleDqn})");
            Assert.Equal(1, agent.Greedy(OneHot(s)));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_learning_curve_bit_for_bit_and_another_seed_another()
    {
        IReadOnlyList<EpisodeLog> Curve(ulong seed) => new DqnAgent(1, 5, 3, Options(false) with { Seed = seed }).Train(new Chain(3), 150);
        var a = Curve(11);
        Assert.Equal(a, Curve(11));
        Assert.Contains(a, l => double.IsFinite(l.MeanLoss));
        Assert.NotEqual(a, Curve(12));
    }

    [Fact]
    public void The_learning_curve_is_the_same_bits_on_one_two_and_four_threads()
    {
        // Wide enough (an LSTM of 128, batch 64) that the engine's products split over threads.
        var options = Options(false) with { Hidden = 128, BatchSize = 64, WarmUp = 64 };
        (IReadOnlyList<EpisodeLog> Curve, float[] Q) Run(int threads)
        {
            AlphaSharp.Nn.Kernels.Gemm.ThreadsOnThisThread = threads;
            try
            {
                var agent = new DqnAgent(1, 5, 3, options);
                var curve = agent.Train(new Chain(3), 40);
                return (curve, agent.QValues(OneHot(0)));
            }
            finally { AlphaSharp.Nn.Kernels.Gemm.ThreadsOnThisThread = 0; }
        }
        var one = Run(1);
        Assert.Contains(one.Curve, l => double.IsFinite(l.MeanLoss));
        foreach (var threads in new[] { 2, 4 })
        {
            var other = Run(threads);
            Assert.Equal(one.Curve, other.Curve);
            Assert.Equal(one.Q, other.Q);
        }
    }
}
