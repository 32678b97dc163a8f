namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Technical indicators with TA-Lib's definitions (default compatibility mode, no unstable period), each starting at
/// TA-Lib's lookback index. TA-Lib has no notion of a missing day, so an indicator runs over the days where all its
/// inputs are valid (a stock's trading days: suspensions are NaN) and its values are written back to those days; other
/// days are NaN. "Day" below means such a valid day.
/// </summary>
public static class TaLib
{
    public enum MacdOutput { Macd, Signal, Hist }
    public enum BandOutput { Upper, Middle, Lower }

    /// <summary>SMA(n): mean of the last n days; first value on day n-1.</summary>
    public static void Sma(ReadOnlySpan<float> x, Span<float> y, int n) => Compressed(x, y, (v, o) => SmaCore(v, o, n));

    /// <summary>EMA(n): k = 2/(n+1), seeded with the SMA of the first n days; first value on day n-1.</summary>
    public static void Ema(ReadOnlySpan<float> x, Span<float> y, int n) => Compressed(x, y, (v, o) => EmaCore(v, 0, o, n));

    /// <summary>MOM(n): x_t - x_{t-n}; first value on day n.</summary>
    public static void Mom(ReadOnlySpan<float> x, Span<float> y, int n) => Compressed(x, y, (v, o) =>
    {
        for (var t = n; t < v.Length; t++) o[t] = v[t] - v[t - n];
    });

    /// <summary>
    /// RSI(n), Wilder's: average gain and loss over the first n changes (days 1..n), then avg = (avg (n-1) + today) / n;
    /// RSI = 100 gain / (gain + loss), 0 when both are 0; first value on day n.
    /// </summary>
    public static void Rsi(ReadOnlySpan<float> x, Span<float> y, int n) => Compressed(x, y, (v, o) =>
    {
        if (v.Length <= n) return;
        double gain = 0, loss = 0;
        for (var t = 1; t <= n; t++)
        {
            var d = v[t] - v[t - 1];
            if (d > 0) gain += d; else loss -= d;
        }
        gain /= n; loss /= n;
        o[n] = Rsi(gain, loss);
        for (var t = n + 1; t < v.Length; t++)
        {
            var d = v[t] - v[t - 1];
            gain = (gain * (n - 1) + (d > 0 ? d : 0)) / n;
            loss = (loss * (n - 1) + (d < 0 ? -d : 0)) / n;
            o[t] = Rsi(gain, loss);
        }
    });

    /// <summary>
    /// MACD(fast, slow, signal): both EMAs first output on day slow-1 (TA-Lib seeds the fast EMA with the SMA of the
    /// fast days ending there), MACD = fast - slow, signal = EMA(signal) of MACD seeded with its SMA, hist = MACD -
    /// signal; all three start on day (slow-1) + (signal-1).
    /// </summary>
    public static void Macd(ReadOnlySpan<float> x, Span<float> y, int fast, int slow, int signal, MacdOutput output) => Compressed(x, y, (v, o) =>
    {
        if (slow < fast) (fast, slow) = (slow, fast);
        var start = slow - 1;
        var first = start + signal - 1;
        if (v.Length <= first) return;
        var f = new double[v.Length];
        var s = new double[v.Length];
        EmaCore(v, start - (fast - 1), f, fast);
        EmaCore(v, 0, s, slow);
        var line = new double[v.Length - start];
        for (var t = start; t < v.Length; t++) line[t - start] = f[t] - s[t];
        var sig = new double[line.Length];
        EmaCore(line, 0, sig, signal);
        for (var t = first; t < v.Length; t++)
        {
            var m = line[t - start];
            var g = sig[t - start];
            o[t] = output switch { MacdOutput.Macd => m, MacdOutput.Signal => g, _ => m - g };
        }
    });

    /// <summary>BBANDS(n, k): middle = SMA(n), upper/lower = middle +- k x population std (ddof 0) of the same n days.</summary>
    public static void Bands(ReadOnlySpan<float> x, Span<float> y, int n, double k, BandOutput output) => Compressed(x, y, (v, o) =>
    {
        for (var t = n - 1; t < v.Length; t++)
        {
            double sum = 0, sq = 0;
            for (var j = t - n + 1; j <= t; j++) sum += v[j];
            var mean = sum / n;
            for (var j = t - n + 1; j <= t; j++) sq += (v[j] - mean) * (v[j] - mean);
            var sd = Math.Sqrt(sq / n);
            o[t] = output switch { BandOutput.Upper => mean + k * sd, BandOutput.Middle => mean, _ => mean - k * sd };
        }
    });

    /// <summary>
    /// ATR(n): true range TR_t = max(h - l, |h - c_{t-1}|, |l - c_{t-1}|) from day 1; ATR on day n is the mean of TR over
    /// days 1..n, then Wilder's (ATR (n-1) + TR) / n.
    /// </summary>
    public static void Atr(ReadOnlySpan<float> high, ReadOnlySpan<float> low, ReadOnlySpan<float> close, Span<float> y, int n)
    {
        var T = close.Length;
        var days = new List<int>(T);
        for (var t = 0; t < T; t++)
            if (!float.IsNaN(high[t]) && !float.IsNaN(low[t]) && !float.IsNaN(close[t])) days.Add(t);
        y.Fill(float.NaN);
        if (days.Count <= n) return;
        double atr = 0;
        for (var k = 1; k <= n; k++) atr += TrueRange(high, low, close, days[k], days[k - 1]);
        atr /= n;
        y[days[n]] = (float)atr;
        for (var k = n + 1; k < days.Count; k++)
        {
            atr = (atr * (n - 1) + TrueRange(high, low, close, days[k], days[k - 1])) / n;
            y[days[k]] = (float)atr;
        }
    }

    /// <summary>OBV: starts at the first day's volume, then adds the volume on up days and subtracts it on down days.</summary>
    public static void Obv(ReadOnlySpan<float> close, ReadOnlySpan<float> volume, Span<float> y)
    {
        y.Fill(float.NaN);
        double obv = 0;
        var prev = float.NaN;
        var started = false;
        for (var t = 0; t < close.Length; t++)
        {
            if (float.IsNaN(close[t]) || float.IsNaN(volume[t])) continue;
            if (!started) { obv = volume[t]; started = true; }
            else if (close[t] > prev) obv += volume[t];
            else if (close[t] < prev) obv -= volume[t];
            prev = close[t];
            y[t] = (float)obv;
        }
    }

    private static double TrueRange(ReadOnlySpan<float> high, ReadOnlySpan<float> low, ReadOnlySpan<float> close, int t, int previous)
    {
        double h = high[t], l = low[t], c = close[previous];
        return Math.Max(h - l, Math.Max(Math.Abs(h - c), Math.Abs(l - c)));
    }

    private static double Rsi(double gain, double loss) => gain + loss == 0 ? 0 : 100 * gain / (gain + loss);

    private static void SmaCore(double[] v, double[] o, int n)
    {
        double sum = 0;
        for (var t = 0; t < v.Length; t++)
        {
            sum += v[t];
            if (t >= n) sum -= v[t - n];
            if (t >= n - 1) o[t] = sum / n;
        }
    }

    /// <summary>TA-Lib's EMA from day <paramref name="from"/>: seed = SMA of v[from .. from+n-1] on day from+n-1.</summary>
    private static void EmaCore(double[] v, int from, double[] o, int n)
    {
        var seedDay = from + n - 1;
        if (seedDay >= v.Length) return;
        double sum = 0;
        for (var t = from; t <= seedDay; t++) sum += v[t];
        var ema = sum / n;
        o[seedDay] = ema;
        var k = 2.0 / (n + 1);
        for (var t = seedDay + 1; t < v.Length; t++)
        {
            ema = (v[t] - ema) * k + ema;
            o[t] = ema;
        }
    }

    private static void Compressed(ReadOnlySpan<float> x, Span<float> y, Action<double[], double[]> core)
    {
        var days = new List<int>(x.Length);
        for (var t = 0; t < x.Length; t++) if (!float.IsNaN(x[t])) days.Add(t);
        var v = new double[days.Count];
        for (var k = 0; k < v.Length; k++) v[k] = x[days[k]];
        var o = new double[v.Length];
        Array.Fill(o, double.NaN);
        core(v, o);
        y.Fill(float.NaN);
        for (var k = 0; k < v.Length; k++) y[days[k]] = (float)o[k];
    }
}
