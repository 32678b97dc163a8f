using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Models.WalkForward;

namespace AlphaSharp.Models.Tests.WalkForward;

/// <summary>The windows a study plans, against dates worked out by hand on the 2019 weekday calendar.</summary>
public class WalkForwardPlanTests
{
    private static readonly Calendar Calendar = WalkForwardFixture.Market().Calendar;

    private static DateOnly D(int month, int day) => new(2019, month, day);

    private static string Show(WalkForwardWindow w) =>
        string.Join(" | ", w.Spans.Select(s => $"{s.Name} {Calendar[s.First]:MM-dd}..{Calendar[s.Last]:MM-dd}"));

    [Fact]
    public void ExpandingWindowsKeepTheirStartAndGrow()
    {
        var windows = WalkForwardPlan.Windows(Calendar, WalkForwardFixture.Options(TrainingWindow.Expanding), labelReach: 2);
        Assert.Equal(3, windows.Count);
        Assert.Equal([0, 1, 2], windows.Select(w => w.Index));
        // As asked: months from the test start; train = the window less its last (validation) month.
        Assert.Equal([new("train", D(3, 1), D(5, 31)), new("valid", D(6, 1), D(6, 30)), new("test", D(7, 1), D(8, 31))], windows[0].Segments);
        Assert.Equal([new("train", D(3, 1), D(7, 31)), new("valid", D(8, 1), D(8, 31)), new("test", D(9, 1), D(10, 31))], windows[1].Segments);
        Assert.Equal([new("train", D(3, 1), D(9, 30)), new("valid", D(10, 1), D(10, 31)), new("test", D(11, 1), D(12, 31))], windows[2].Segments);
        // On trading days: June 1 is a Saturday, so valid opens Monday June 3; train's labels reach 2 days, so it ends
        // 3 trading days before (Wednesday May 29); valid ends Wednesday June 26, 3 trading days before Monday July 1.
        Assert.Equal("train 03-01..05-29 | valid 06-03..06-26 | test 07-01..08-30", Show(windows[0]));
        Assert.Equal("train 03-01..07-29 | valid 08-01..08-28 | test 09-02..10-31", Show(windows[1]));
        Assert.Equal("train 03-01..09-26 | valid 10-01..10-29 | test 11-01..12-31", Show(windows[2]));
        Assert.Equal(D(12, 31), Calendar.Last); // the last block is cut at the data
    }

    [Fact]
    public void RollingWindowsMoveWithTheirTestBlock()
    {
        var windows = WalkForwardPlan.Windows(Calendar, WalkForwardFixture.Options(TrainingWindow.Rolling), labelReach: 2);
        Assert.Equal("train 03-01..05-29 | valid 06-03..06-26 | test 07-01..08-30", Show(windows[0]));
        Assert.Equal("train 05-01..07-29 | valid 08-01..08-28 | test 09-02..10-31", Show(windows[1]));
        Assert.Equal("train 07-01..09-26 | valid 10-01..10-29 | test 11-01..12-31", Show(windows[2]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void EveryWindowLeavesTheLabelReachBetweenItsSpans(int reach)
    {
        foreach (var kind in new[] { TrainingWindow.Expanding, TrainingWindow.Rolling })
            foreach (var w in WalkForwardPlan.Windows(Calendar, WalkForwardFixture.Options(kind) with { RetrainMonths = 1 }, reach))
            {
                // A label at day d reads up to d + reach: the last labelled day of a span must read no day of the next.
                Assert.True(w.Train.Last + reach < w.Valid!.First, Show(w));
                Assert.True(w.Valid.Last + reach < w.Test.First, Show(w));
                // and no more is cut than that: the first day past each span would read into the next one.
                Assert.True(w.Train.Purged == 0 || w.Train.Last + 1 + reach >= w.Valid.First, Show(w));
                Assert.True(w.Valid.Purged == 0 || w.Valid.Last + 1 + reach >= w.Test.First, Show(w));
            }
    }

    [Fact]
    public void NoValidationMonthsLeavesTrainAndTest()
    {
        var w = WalkForwardPlan.Windows(Calendar, WalkForwardFixture.Options() with { ValidMonths = 0 }, 2)[0];
        Assert.Null(w.Valid);
        Assert.Equal("train 03-01..06-26 | test 07-01..08-30", Show(w));
    }

    [Theory]
    [InlineData(0, 4, 1, "retrain_months")]
    [InlineData(2, 1, 1, "train_months")]
    [InlineData(2, 4, -1, "valid_months")]
    public void ABadSettingIsNamed(int retrain, int train, int valid, string setting)
    {
        var options = WalkForwardFixture.Options() with { RetrainMonths = retrain, TrainMonths = train, ValidMonths = valid };
        var e = Assert.Throws<SettingException>(() => WalkForwardPlan.Windows(Calendar, options, 2));
        Assert.Equal(setting, e.Setting);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ATestRangeOutsideTheDataIsNamed()
    {
        var options = WalkForwardFixture.Options() with { Start = new DateOnly(2021, 1, 1), End = new DateOnly(2021, 6, 30) };
        var e = Assert.Throws<SettingException>(() => WalkForwardPlan.Windows(Calendar, options, 2));
        Assert.Equal("start", e.Setting);
    }
}
