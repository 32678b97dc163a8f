using AlphaSharp.Models.Nets;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Models.Rl;

/// <summary>One episode of training: its step count, total reward, mean loss of its updates (NaN before the warm-up ends) and the epsilon it ended on.</summary>
public sealed record EpisodeLog(int Episode, int Steps, double TotalReward, double MeanLoss, double Epsilon);

/// <summary>
/// DQN with an LSTM Q-network (the workflows' <c>lstm</c> net with one output per action): epsilon-greedy acting,
/// uniform experience replay, a target network, Huber or MSE loss on r + gamma max_a' Q_target(s', a') (Double DQN:
/// the online net picks a', the target net values it), Adam and gradient clipping. Every draw (weights, exploration,
/// replay batches) comes from the seed, so a seed gives the same learning curve bit for bit.
/// </summary>
public sealed class DqnAgent
{
    private readonly DqnOptions _o;
    private readonly Net _online, _target;
    private readonly Adam _optimizer;
    private readonly Rng _explore, _replayRng;
    private readonly ReplayBuffer _replay;
    private readonly TensorArena _arena = new();
    private readonly int _steps, _features, _actions;
    private readonly float[] _bs, _bn, _br;
    private readonly int[] _ba;
    private readonly bool[] _bd;
    private long _step, _updates;

    public DqnAgent(int steps, int features, int actions, DqnOptions options)
    {
        options.Validate();
        _o = options;
        (_steps, _features, _actions) = (steps, features, actions);
        var config = new NetConfig { Kind = "lstm", Features = features, Window = steps, Hidden = options.Hidden, Layers = options.Layers, Outputs = actions };
        var seeds = new Rng(options.Seed);
        _online = NetCatalog.Create(config, seeds.NextULong());
        _target = NetCatalog.Create(config, 0);
        _target.LoadStateDict(_online.StateDict());
        _target.Eval();
        _optimizer = new Adam(_online.Parameters(), options.LearningRate);
        _explore = seeds.Split();
        _replayRng = seeds.Split();
        var size = steps * features;
        _replay = new ReplayBuffer(options.ReplayCapacity, size);
        (_bs, _bn, _br, _ba, _bd) = (new float[options.BatchSize * size], new float[options.BatchSize * size], new float[options.BatchSize], new int[options.BatchSize], new bool[options.BatchSize]);
    }

    public Net Network => _online;
    public long TotalSteps => _step;
    public long Updates => _updates;

    /// <summary>The online network's Q-values of one observation.</summary>
    public float[] QValues(float[] observation)
    {
        using var noGrad = Autograd.NoGrad();
        _online.Eval();
        using (_arena.Step())
            return _online.Forward(new Tensor((float[])observation.Clone(), 1, _steps, _features)).Data.AsSpan(0, _actions).ToArray();
    }

    /// <summary>The greedy action (ties to the lowest index).</summary>
    public int Greedy(float[] observation)
    {
        var q = QValues(observation);
        var best = 0;
        for (var a = 1; a < q.Length; a++) if (q[a] > q[best]) best = a;
        return best;
    }

    /// <summary>Epsilon-greedy at the current step's epsilon.</summary>
    public int Act(float[] observation)
    {
        var explore = _explore.NextDouble() < _o.EpsilonAt(_step);
        var random = _explore.NextInt(_actions); // drawn either way, so the stream does not depend on the network
        return explore ? random : Greedy(observation);
    }

    /// <summary>Runs <paramref name="episodes"/> training episodes; each one's log, also to <paramref name="onEpisode"/>.</summary>
    public IReadOnlyList<EpisodeLog> Train(IEnvironment env, int episodes, Action<EpisodeLog>? onEpisode = null, CancellationToken cancel = default)
    {
        if (env.Steps != _steps || env.StepFeatures != _features || env.Actions != _actions)
            throw new ArgumentException($"dqn: the environment's observations are {env.Steps} x {env.StepFeatures} with {env.Actions} actions, the agent's {_steps} x {_features} with {_actions}");
        var logs = new List<EpisodeLog>();
        for (var e = 0; e < episodes; e++)
        {
            cancel.ThrowIfCancellationRequested();
            var obs = env.Reset();
            double total = 0, lossSum = 0;
            int steps = 0, losses = 0;
            while (true)
            {
                var action = Act(obs);
                var (next, reward, done) = env.Step(action);
                steps++;
                var cut = !done && _o.MaxEpisodeSteps > 0 && steps >= _o.MaxEpisodeSteps;
                _replay.Add(obs, action, reward, next, done);
                total += reward;
                _step++;
                if (_replay.Count >= Math.Max(_o.WarmUp, _o.BatchSize) && _step % _o.TrainEvery == 0)
                {
                    lossSum += Learn();
                    losses++;
                }
                obs = next;
                if (done || cut) break;
            }
            var log = new EpisodeLog(e + 1, steps, total, losses > 0 ? lossSum / losses : double.NaN, _o.EpsilonAt(_step));
            logs.Add(log);
            onEpisode?.Invoke(log);
        }
        return logs;
    }

    /// <summary>One gradient update on a replayed batch; its loss.</summary>
    public double Learn()
    {
        var b = _o.BatchSize;
        _replay.Sample(_replayRng, _bs, _ba, _br, _bn, _bd);
        var targets = new float[b];
        float loss;
        using (_arena.Step())
        {
            using (Autograd.NoGrad())
            {
                _online.Eval();
                // The batch buffers go in as they are (as the Trainer's do): a forward reads its input, never writes it.
                var next = new Tensor(_bn, b, _steps, _features);
                var qt = _target.Forward(next).Data;
                var qo = _o.DoubleDqn ? _online.Forward(next).Data : null;
                for (var k = 0; k < b; k++)
                {
                    var row = k * _actions;
                    var pick = 0;
                    var source = qo ?? qt;
                    for (var a = 1; a < _actions; a++) if (source[row + a] > source[row + pick]) pick = a;
                    targets[k] = _bd[k] ? _br[k] : (float)(_br[k] + _o.Gamma * qt[row + pick]);
                }
            }
            _online.Train();
            _optimizer.ZeroGrad();
            var q = _online.Forward(new Tensor(_bs, b, _steps, _features));
            var index = new Tensor(_ba.Select(a => (float)a).ToArray(), b, 1);
            var chosen = q.Gather(1, index).Reshape(b);
            var y = new Tensor(targets, b);
            var l = _o.Loss == DqnLoss.Mse ? Losses.Mse(chosen, y) : Losses.Huber(chosen, y);
            loss = l.Item();
            l.Backward();
        }
        if (_o.ClipNorm > 0) GradClip.ClipGradNorm(_optimizer.Parameters, _o.ClipNorm);
        _optimizer.Step();
        _updates++;
        if (_o.Tau > 0) SoftUpdate();
        else if (_updates % _o.TargetEvery == 0) _target.LoadStateDict(_online.StateDict());
        return loss;
    }

    private void SoftUpdate()
    {
        var online = _online.Parameters();
        var target = _target.Parameters();
        var tau = (float)_o.Tau;
        for (var p = 0; p < online.Count; p++)
        {
            var src = online[p].Data;
            var dst = target[p].Data;
            for (var k = 0; k < dst.Length; k++) dst[k] = tau * src[k] + (1 - tau) * dst[k];
        }
    }
}
