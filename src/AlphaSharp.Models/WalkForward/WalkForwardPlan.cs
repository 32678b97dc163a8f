using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.WalkForward;

/// <summary>
/// The windows of a walk-forward study on a calendar, without fitting anything, so a scheduler can list and shard
/// them. Test block k covers <c>start + k x retrain_months</c> up to the day before the next block (the last one cut
/// at <c>end</c>); months are counted from <c>start</c> itself, never chained, so a start on the 31st stays put.
/// A training window that begins before the data begins is cut at the data's first day; a test block holding no
/// trading day (a tail that is all weekend) predicts nothing and is not a window.
/// </summary>
public static class WalkForwardPlan
{
    public static IReadOnlyList<WalkForwardWindow> Windows(Calendar calendar, WalkForwardOptions options, int labelReach)
    {
        options.Validate();
        calendar.IndexRange(options.Start, options.End); // the test range must hold a trading day
        var windows = new List<WalkForwardWindow>();
        for (var k = 0; ; k++)
        {
            var testFrom = options.Start.AddMonths(k * options.RetrainMonths);
            if (testFrom > options.End) break;
            var nextFrom = options.Start.AddMonths((k + 1) * options.RetrainMonths);
            var testTo = Min(nextFrom.AddDays(-1), options.End);
            if (calendar.IndexOnOrAfter(testFrom) > calendar.IndexOnOrBefore(testTo)) continue;
            var windowFrom = options.Window == TrainingWindow.Expanding
                ? options.Start.AddMonths(-options.TrainMonths)
                : testFrom.AddMonths(-options.TrainMonths);
            var validFrom = testFrom.AddMonths(-options.ValidMonths);
            var segments = new List<Segment>();
            if (options.ValidMonths > 0)
            {
                segments.Add(new Segment("train", windowFrom, validFrom.AddDays(-1)));
                segments.Add(new Segment("valid", validFrom, testFrom.AddDays(-1)));
            }
            else segments.Add(new Segment("train", windowFrom, testFrom.AddDays(-1)));
            segments.Add(new Segment("test", testFrom, testTo));
            IReadOnlyList<SegmentSpan> spans;
            try
            {
                spans = Datasets.Segments.Resolve(calendar, segments, labelReach);
            }
            catch (InputException e)
            {
                throw new InputException($"walk-forward window {windows.Count} (test from {testFrom:yyyy-MM-dd}): {e.Message}");
            }
            windows.Add(new WalkForwardWindow(windows.Count, segments, spans));
        }
        return windows;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
