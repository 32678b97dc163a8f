using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data;

public class CalendarRangeTests
{
    private static readonly Calendar Days = new([new(2021, 1, 4), new(2021, 1, 5), new(2021, 1, 6), new(2021, 1, 8)]);

    [Fact]
    public void Open_ends_take_the_calendars_ends_and_dates_snap_inwards()
    {
        Assert.Equal((0, 3), Days.IndexRange(null, null));
        Assert.Equal((3, 3), Days.IndexRange(new DateOnly(2021, 1, 7), null));
        Assert.Equal((0, 2), Days.IndexRange(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 7)));
        Assert.Equal((1, 1), Days.IndexRange(new DateOnly(2021, 1, 5), new DateOnly(2021, 1, 5)));
    }

    [Fact]
    public void A_range_without_a_trading_day_names_start_and_end()
    {
        var e = Assert.Throws<SettingException>(() => Days.IndexRange(new DateOnly(2021, 1, 7), new DateOnly(2021, 1, 7)));
        Assert.Equal("start 2021-01-07 end 2021-01-07: no trading day in that range (the store covers 2021-01-04..2021-01-08)", e.Message);
        Assert.Equal(["start", "end"], e.Settings);
        Assert.StartsWith("start 2021-01-09 end (last day):", Assert.Throws<SettingException>(() => Days.IndexRange(new DateOnly(2021, 1, 9), null)).Message);
        Assert.StartsWith("start (first day) end 2021-01-01:", Assert.Throws<SettingException>(() => Days.IndexRange(null, new DateOnly(2021, 1, 1))).Message);
    }
}
