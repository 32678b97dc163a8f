using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data;

/// <summary>Synthetic market data with the awkward cases a format must carry: late listings, early ends, holes, empty instruments.</summary>
internal static class QlibTestData
{
    public static readonly string[] Symbols = ["SH600000", "SZ000001", "SZ300750", "SH688001", "SZ000999"];

    public static MarketData Synthetic(Random rng, int days = 40)
    {
        var calendar = new Calendar(WeekdaysFrom(new DateOnly(2021, 3, 1), days));
        var panel = new Panel(calendar, Symbols);
        var T = calendar.Count;
        string[] fields = ["open", "high", "low", "close", "volume", "amount", "factor", "pe_ttm"];
        foreach (var f in fields) panel.SetField(f);
        // Symbol 1 lists late, symbol 2 ends early, symbol 3 has a hole, symbol 4 has no data at all.
        (int from, int to)[] life = [(0, T - 1), (15, T - 1), (0, 25), (3, T - 2), (-1, -1)];
        for (var i = 0; i < Symbols.Length; i++)
        {
            var (from, to) = life[i];
            if (from < 0) continue;
            var price = 5 + 50 * rng.NextDouble();
            var factor = 1 + 3 * rng.NextDouble();
            for (var t = from; t <= to; t++)
            {
                if (i == 3 && t is >= 10 and <= 12) continue;
                price *= 1 + 0.04 * (rng.NextDouble() - 0.5);
                if (rng.NextDouble() < 0.05) factor *= 1.1;
                var suspended = i == 0 && t is 20 or 21;
                var open = (float)Math.Round(price * (1 + 0.01 * (rng.NextDouble() - 0.5)), 2);
                var close = (float)Math.Round(price, 2);
                panel["open", t, i] = open;
                panel["close", t, i] = close;
                panel["high", t, i] = Math.Max(open, close) + 0.05f;
                panel["low", t, i] = Math.Min(open, close) - 0.05f;
                panel["volume", t, i] = suspended ? 0 : (float)Math.Round(1e6 * rng.NextDouble());
                panel["amount", t, i] = suspended ? 0 : panel["volume", t, i] * close;
                panel["factor", t, i] = (float)factor;
                if (rng.NextDouble() < 0.7) panel["pe_ttm", t, i] = (float)(-20 + 80 * rng.NextDouble());
            }
        }
        // A NaN with a payload: a format that copies bits must keep it, one that re-parses would not.
        panel["pe_ttm", 5, 0] = BitConverter.Int32BitsToSingle(0x7FC0_0123);
        panel["amount", 7, 1 + 0] = float.NaN;

        var data = new MarketData(panel)
        {
            Universe = new Universe("csi300", calendar,
            [
                new MembershipSpell("SH600000", calendar[0], calendar[T - 1]),
                new MembershipSpell("SZ000001", calendar[15], calendar[30]),
                new MembershipSpell("SZ000001", calendar[35], calendar[T - 1]),
                new MembershipSpell("SZ300750", calendar[0], calendar[20]),
                new MembershipSpell("SH601299", calendar[0], calendar[T - 1]), // a member with no data anywhere
            ]),
            Industry = new Dictionary<string, string> { ["SH600000"] = "银行", ["SZ300750"] = "电气设备" },
        };
        var bench = new float[5][];
        for (var f = 0; f < 5; f++)
        {
            bench[f] = new float[T];
            for (var t = 0; t < T; t++) bench[f][t] = t == 0 ? float.NaN : (float)(4000 + 100 * rng.NextDouble());
        }
        data.Benchmark = new BenchmarkSeries("SH000300", bench[0], bench[1], bench[2], bench[3], bench[4]);
        data.Units["close"] = "CNY";
        data.Units["volume"] = "shares";
        data.Provenance.Add("synthetic test data");
        return data;
    }

    public static IEnumerable<DateOnly> WeekdaysFrom(DateOnly start, int count)
    {
        var d = start;
        for (var n = 0; n < count; d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            n++;
            yield return d;
        }
    }

    /// <summary>
    /// Asserts two panels hold the same instruments, fields and float32 bit patterns. With <paramref name="nanPayloads"/>
    /// false any NaN matches any NaN: a Qlib file only spans an instrument's first to last value, so a NaN outside that
    /// span (missing, whatever its bits) reads back as the plain NaN.
    /// </summary>
    public static void AssertBitIdentical(Panel expected, Panel actual, bool nanPayloads = true)
    {
        Assert.Equal(expected.Calendar.Days, actual.Calendar.Days);
        Assert.Equal(expected.Symbols, actual.Symbols);
        Assert.Equal(expected.FieldNames, actual.FieldNames);
        foreach (var f in expected.FieldNames)
        {
            var a = expected.Field(f);
            var b = actual.Field(f);
            for (var k = 0; k < a.Length; k++)
                if (BitConverter.SingleToInt32Bits(a[k]) != BitConverter.SingleToInt32Bits(b[k]) && (nanPayloads || !float.IsNaN(a[k]) || !float.IsNaN(b[k])))
                    Assert.Fail($"{f} of {expected.Symbols[k / expected.T]} on {expected.Calendar[k % expected.T]}: {a[k]} became {b[k]}");
        }
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "alphasharp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
        return dir;
    }
}
