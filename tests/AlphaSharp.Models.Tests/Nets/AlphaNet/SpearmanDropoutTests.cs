using AlphaSharp.Models.Nets.AlphaNet;

namespace AlphaSharp.Models.Tests.Nets.AlphaNet;

/// <summary>
/// Spearman dropout on channels built from rank permutations, whose rho is known in closed form without ties:
/// rho = 1 - 6 sum d^2 / (n (n^2 - 1)); with n = 10, swapping two ranks k apart adds 2 k^2 to sum d^2.
/// </summary>
public class SpearmanDropoutTests
{
    private const int N = 10;

    private static double Rho(int sumD2) => 1 - 6.0 * sumD2 / (N * (N * N - 1));

    private static int[] Swapped(params (int I, int J)[] swaps)
    {
        var r = Enumerable.Range(1, N).ToArray();
        foreach (var (i, j) in swaps) (r[i], r[j]) = (r[j], r[i]);
        return r;
    }

    [Fact]
    public void Keeps_exactly_the_channels_at_or_below_the_threshold_against_every_kept_one()
    {
        var a = Enumerable.Range(1, N).ToArray();
        var near = Swapped((0, 1), (2, 3));       // sum d^2 4: rho 0.976 with a, dropped
        var below = Swapped((0, 4), (6, 7));      // 32 + 2 = 34: rho 0.794 with a, kept
        var above = Swapped((2, 6));              // 32: rho 0.806 with a, dropped
        Assert.True(Rho(34) < 0.8 && Rho(32) > 0.8);
        // Channels as monotone transforms of the ranks (Spearman sees only the order), one mirrored, one constant.
        float[][] columns =
        [
            a.Select(r => MathF.Exp(r / 3f)).ToArray(),
            near.Select(r => 5f + r * r).ToArray(),
            below.Select(r => -100f / r).ToArray(),  // increasing in r, so its ranks are below's
            above.Select(r => (float)r).ToArray(),
            a.Select(r => -(float)Math.Pow(r, 3)).ToArray(), // a's mirror: rho -1, dropped by its size
            Enumerable.Repeat(2f, N).ToArray(),
        ];
        var values = new float[N * columns.Length];
        for (var r = 0; r < N; r++)
            for (var c = 0; c < columns.Length; c++) values[r * columns.Length + c] = columns[c][r];

        var s = SpearmanDropout.Select(values, columns.Length);
        Assert.Equal([0, 2], s.Kept);
        Assert.Equal([1, 3, 4, 5], s.Dropped.Select(d => d.Channel));
        Assert.Equal(Rho(4), s.Dropped[0].Spearman, 12);
        Assert.Equal(0, s.Dropped[0].Because);
        Assert.Equal(Rho(32), s.Dropped[1].Spearman, 12);
        Assert.Equal(-1, s.Dropped[2].Spearman, 12);
        Assert.True(double.IsNaN(s.Dropped[3].Spearman));

        // A lower threshold also removes 'below' (0.794); at 0.999 only the mirror and the constant go.
        Assert.Equal([0], SpearmanDropout.Select(values, columns.Length, 0.79).Kept);
        Assert.Equal([0, 1, 2, 3], SpearmanDropout.Select(values, columns.Length, 0.999).Kept);
    }

    [Fact]
    public void Ties_share_their_mean_rank()
    {
        // x = [1, 2, 2, 3], y = [1, 2, 3, 4]: scipy.stats.spearmanr gives 0.9486832980505139 (ranks 1, 2.5, 2.5, 4).
        float[] values = [1, 1, 2, 2, 2, 3, 3, 4];
        var s = SpearmanDropout.Select(values, 2, 0.9);
        Assert.Equal(0.9486832980505139, Assert.Single(s.Dropped).Spearman, 12);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Contains("channel 1 holds NaN at row 2", Assert.Throws<ArgumentException>(() => SpearmanDropout.Select([1, 2, 3, 4, 5, float.NaN], 2)).Message);
        Assert.Contains("not rows of 4", Assert.Throws<ArgumentException>(() => SpearmanDropout.Select(new float[10], 4)).Message);
        Assert.Contains("threshold 0 ", Assert.Throws<ArgumentException>(() => SpearmanDropout.Select(new float[10], 1, 0)).Message);
    }
}
