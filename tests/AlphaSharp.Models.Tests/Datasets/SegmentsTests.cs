using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.Tests.Datasets;

public class SegmentsTests
{
    // Weekdays from Monday 2020-01-06: index 0 = Jan 6, 4 = Jan 10, 5 = Jan 13, ...
    private static readonly Calendar Cal = new(Enumerable.Range(0, 60).Select(k => new DateOnly(2020, 1, 6).AddDays(k))
        .Where(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday));

    private static Segment S(string name, int fromDay, int toDay) => new(name, new DateOnly(2020, 1, 6).AddDays(fromDay), new DateOnly(2020, 1, 6).AddDays(toDay));

    [Fact]
    public void EarlierSegmentsLoseTheDaysWhoseLabelsReachTheNext()
    {
        // train Jan 6..Jan 24 (15 trading days, indices 0..14), valid from Jan 27 (index 15), test from Feb 10 (index 25).
        var spans = Segments.Resolve(Cal, [S("train", 0, 18), S("valid", 21, 34), S("test", 35, 50)], labelReach: 2);
        Assert.Equal(new SegmentSpan("train", 0, 12, 2), spans[0]); // labels at 13 and 14 read days 15 and 16
        Assert.Equal(new SegmentSpan("valid", 15, 22, 2), spans[1]);
        Assert.Equal(new SegmentSpan("test", 25, Cal.IndexOnOrBefore(new DateOnly(2020, 2, 25)), 0), spans[2]);
        // A gap as wide as the reach purges nothing.
        var gapped = Segments.Resolve(Cal, [S("train", 0, 14), S("valid", 21, 30)], labelReach: 2);
        Assert.Equal(0, gapped[0].Purged); // last train day index 10 (Jan 20), valid starts at 15: 10 + 2 < 15
        Assert.All(spans.Zip(spans.Skip(1)), p => Assert.True(p.First.Last + 2 < p.Second.First));
    }

    [Theory]
    [InlineData("train", 10, 5, "segments: train: start 2020-01-16 is after its end 2020-01-11")]
    [InlineData("train", 5, 6, "segments: train: 2020-01-11..2020-01-12 holds no trading day of the data (2020-01-06..2020-03-05)")]
    public void ABadSegmentIsOneLine(string name, int from, int to, string message)
    {
        var e = Assert.Throws<InputException>(() => Segments.Resolve(Cal, [S(name, from, to)], 2));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void OverlapsOrderAndShortSpansAreErrors()
    {
        Assert.Equal("segments: valid starts on 2020-01-13, inside train (to 2020-01-24); segments must follow each other in time",
            Assert.Throws<InputException>(() => Segments.Resolve(Cal, [S("train", 0, 18), S("valid", 7, 30)], 2)).Message);
        Assert.Equal("segments: train is too short: its labels reach 2 days ahead into valid, which leaves it no day",
            Assert.Throws<InputException>(() => Segments.Resolve(Cal, [S("train", 0, 1), S("valid", 2, 30)], 2)).Message);
        Assert.Equal("segments: 'train' is named twice",
            Assert.Throws<InputException>(() => Segments.Resolve(Cal, [S("train", 0, 4), S("train", 14, 20)], 0)).Message);
    }
}
