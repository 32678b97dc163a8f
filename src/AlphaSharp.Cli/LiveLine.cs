using System.Diagnostics;

namespace AlphaSharp.Cli;

/// <summary>
/// A status line redrawn in place on an interactive stderr (carriage return, at most every <see cref="Interval"/>),
/// beside the permanent lines a run logs. Where stderr is a file or a pipe it draws nothing, so logs hold only the
/// permanent lines and never a thousand overwritten bars.
/// </summary>
internal sealed class LiveLine(TextWriter writer, bool interactive, Func<TimeSpan>? clock = null)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Func<TimeSpan> _clock = clock ?? Stopwatch.StartNew().ElapsedTimeSpan();
    private TimeSpan _last = TimeSpan.MinValue;
    private int _shown;

    public static LiveLine ForStderr() => new(Console.Error, !Console.IsErrorRedirected);

    /// <summary>Redraws the status line, unless the last redraw was under <see cref="Interval"/> ago.</summary>
    public void Update(string status)
    {
        if (!interactive) return;
        var now = _clock();
        if (_last != TimeSpan.MinValue && now - _last < Interval) return;
        _last = now;
        var text = status.Length > 160 ? status[..160] : status;
        writer.Write('\r' + text.PadRight(_shown));
        _shown = text.Length;
        writer.Flush();
    }

    /// <summary>Writes a permanent line, first clearing the status line so the two never share a row.</summary>
    public void WriteLine(string line)
    {
        if (_shown > 0)
        {
            writer.Write('\r' + new string(' ', _shown) + '\r');
            _shown = 0;
            _last = TimeSpan.MinValue;
        }
        writer.WriteLine(line);
    }
}

internal static class StopwatchClock
{
    public static Func<TimeSpan> ElapsedTimeSpan(this Stopwatch watch) => () => watch.Elapsed;
}
