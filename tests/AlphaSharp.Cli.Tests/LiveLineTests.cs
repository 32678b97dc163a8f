namespace AlphaSharp.Cli.Tests;

public class LiveLineTests
{
    [Fact]
    public void OnAFileOrPipeOnlyThePermanentLinesAreWritten()
    {
        var sink = new StringWriter();
        var line = new LiveLine(sink, interactive: false, () => TimeSpan.Zero);
        line.Update("epoch 1 [#...]");
        line.WriteLine("epoch 1 done");
        line.Update("epoch 2 [#...]");
        Assert.Equal("epoch 1 done" + Environment.NewLine, sink.ToString());
    }

    [Fact]
    public void OnATerminalTheStatusIsRedrawnInPlaceAtMostEveryIntervalAndClearedBeforeAPermanentLine()
    {
        var sink = new StringWriter();
        var now = TimeSpan.Zero;
        var line = new LiveLine(sink, interactive: true, () => now);
        line.Update("abcdef");
        now = TimeSpan.FromMilliseconds(100);
        line.Update("skipped: too soon");
        now = TimeSpan.FromMilliseconds(300);
        line.Update("xyz");
        line.WriteLine("done");
        // The shorter redraw pads over the longer one; the permanent line first blanks the status row.
        Assert.Equal("\rabcdef" + "\rxyz   " + "\r   \r" + "done" + Environment.NewLine, sink.ToString());
    }
}
