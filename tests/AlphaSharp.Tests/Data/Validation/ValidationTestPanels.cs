using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Validation;

/// <summary>
/// A small clean market (every daily move under 2 %, consistent OHLC, positive prices, volume every day) that tests
/// then break one way at a time. 40 weekdays from 2020-08-03, so it spans ChiNext's 2020-08-24 limit reform.
/// </summary>
internal static class ValidationTestPanels
{
    public static readonly string[] Symbols = ["SH600000", "SZ000001", "SZ300001", "SH688001"];

    public static MarketData Clean()
    {
        var calendar = new Calendar(QlibTestData.WeekdaysFrom(new DateOnly(2020, 8, 3), 40));
        var p = new Panel(calendar, Symbols);
        foreach (var f in new[] { "open", "high", "low", "close", "volume", "amount", "factor" }) p.SetField(f);
        for (var i = 0; i < p.N; i++)
            for (var t = 0; t < p.T; t++)
            {
                var close = 10f + 0.1f * (t % 3) + i;
                p["close", t, i] = close;
                p["open", t, i] = close - 0.05f;
                p["high", t, i] = close + 0.1f;
                p["low", t, i] = close - 0.15f;
                p["volume", t, i] = 1000;
                p["amount", t, i] = 1000 * close;
                p["factor", t, i] = 1.5f;
            }
        var data = new MarketData(p)
        {
            Universe = new Universe("csi300", calendar, Symbols.Select(s => new MembershipSpell(s, calendar.First, calendar.Last))),
        };
        return data;
    }

    /// <summary>Multiplies every price of instrument i from day t on (a jump that persists).</summary>
    public static void ScalePricesFrom(Panel p, int i, int t, float by)
    {
        foreach (var f in new[] { "open", "high", "low", "close" })
            for (var u = t; u < p.T; u++) p[f, u, i] *= by;
    }

    /// <summary>Turns days from..to of instrument i into suspension rows: volume 0, flat at the previous close.</summary>
    public static void Suspend(Panel p, int i, int from, int to)
    {
        var c = p["close", from - 1, i];
        for (var t = from; t <= to; t++)
        {
            foreach (var f in new[] { "open", "high", "low", "close" }) p[f, t, i] = c;
            p["volume", t, i] = 0;
            p["amount", t, i] = 0;
        }
    }

    public static void RemoveRows(Panel p, int i, int from, int to)
    {
        foreach (var f in p.FieldNames)
            for (var t = from; t <= to; t++) p[f, t, i] = float.NaN;
    }
}
