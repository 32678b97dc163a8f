using AlphaSharp.Data.Export;
using AlphaSharp.Data.Qlib;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Qlib;

/// <summary>
/// Round trips over many seeded random panels: odd shapes (one day, one instrument, all-missing instruments), every
/// kind of float32 (negative, -0, subnormal, huge, infinite, NaN with payloads) and random holes.
/// </summary>
public sealed class QlibRoundTripPropertyTests : IDisposable
{
    private readonly string _root = QlibTestData.TempDir();

    public QlibRoundTripPropertyTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly float[] Odd =
    [
        -0f, 0f, float.Epsilon, -float.Epsilon, 1.17549435e-38f, float.MaxValue, float.MinValue,
        float.PositiveInfinity, float.NegativeInfinity, 16777217f, 0.1f, -123.456f, 1e-30f,
    ];

    private static MarketData RandomMarket(Random rng)
    {
        var T = rng.Next(1, 30);
        var N = rng.Next(1, 8);
        var calendar = new Calendar(QlibTestData.WeekdaysFrom(new DateOnly(2015, 1, 1).AddDays(rng.Next(400)), T));
        var symbols = Enumerable.Range(0, N).Select(k => $"S{(k % 2 == 0 ? "H6" : "Z0")}{rng.Next(10000, 99999):D5}").Distinct().ToArray();
        var panel = new Panel(calendar, symbols);
        var fieldCount = rng.Next(1, 5);
        for (var f = 0; f < fieldCount; f++)
        {
            var v = panel.SetField(f == 0 ? "close" : $"x{f}_{rng.Next(100)}");
            var density = rng.NextDouble();
            for (var k = 0; k < v.Length; k++)
            {
                if (rng.NextDouble() > density) continue;
                var pick = rng.Next(10);
                v[k] = pick == 0 ? Odd[rng.Next(Odd.Length)]
                     : pick == 1 ? BitConverter.Int32BitsToSingle(0x7F80_0001 + rng.Next(0x7F_FFFE)) // NaN with a payload
                     : (float)((rng.NextDouble() - 0.3) * Math.Pow(10, rng.Next(-3, 9)));
            }
        }
        return new MarketData(panel);
    }

    [Fact]
    public void Qlib_raw_round_trip_keeps_every_value_of_random_panels()
    {
        var rng = new Random(20240501);
        for (var run = 0; run < 40; run++)
        {
            var data = RandomMarket(rng);
            var dir = Path.Combine(_root, $"q{run}");
            QlibExporter.Export(data, dir);
            QlibTestData.AssertBitIdentical(data.Panel, QlibImporter.Import(dir).Panel, nanPayloads: false);
        }
    }

    [Fact]
    public void Csv_round_trip_keeps_every_value_of_random_panels()
    {
        var rng = new Random(77);
        for (var run = 0; run < 40; run++)
        {
            var data = RandomMarket(rng);
            var dir = Path.Combine(_root, $"c{run}");
            var files = LongCsvExporter.Export(data, dir, gzip: run % 2 == 0);
            var p = data.Panel;
            var tables = files.Where(f => f.StartsWith("bars") || f.StartsWith("fields")).Select(f => LongTable.Read(Path.Combine(dir, f))).ToList();
            foreach (var table in tables)
                for (var r = 0; r < table.RowCount; r++)
                {
                    var i = p.IndexOf(table.Symbols[table.SymbolIds[r]]);
                    var t = p.Calendar.IndexOf(DateOnly.FromDayNumber(table.Dates[r]));
                    for (var f = 0; f < table.Fields.Count; f++)
                    {
                        var want = p[table.Fields[f], t, i];
                        var got = table.Columns[f][r];
                        // CSV has one spelling for missing: NaN payloads become plain NaN.
                        Assert.True(float.IsNaN(want) ? float.IsNaN(got) : BitConverter.SingleToInt32Bits(want) == BitConverter.SingleToInt32Bits(got),
                            $"run {run} {table.Fields[f]} {p.Symbols[i]} {p.Calendar[t]}: {want} became {got}");
                    }
                }
            // Every value that exists was written: the non-NaN values read back equal the panel's in number.
            var readBack = tables.Sum(tb => tb.Columns.Sum(c => c.LongCount(v => !float.IsNaN(v))));
            Assert.Equal(p.FieldNames.Sum(f => p.Field(f).LongCount(v => !float.IsNaN(v))), readBack);
        }
    }
}
