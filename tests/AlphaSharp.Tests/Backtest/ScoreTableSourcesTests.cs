using System.Globalization;
using System.Text;
using AlphaSharp.Backtest;
using AlphaSharp.Backtest.Rules;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Backtest;

/// <summary>
/// The ways a score table is made (a panel-shaped array in either layout, a model's prediction rows, a CSV) agree
/// with each other, and WriteCsv gives back what ReadCsv reads.
/// </summary>
public sealed class ScoreTableSourcesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "alphasharp-score-tests", Guid.NewGuid().ToString("N"));

    public ScoreTableSourcesTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Writes rows as a score file with plain string formatting, independent of ScoreTable.WriteCsv.</summary>
    private string Csv(IEnumerable<(DateOnly Date, string Symbol, float Score)> rows)
    {
        var sb = new StringBuilder("date,symbol,score\n");
        foreach (var (d, s, v) in rows)
            sb.Append(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(s).Append(',')
                .Append(v.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        var path = Path.Combine(_dir, $"scores-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>A random subset of the market's cells, in random order, with random scores.</summary>
    private static List<(DateOnly Date, string Symbol, float Score)> RandomRows(MarketView m, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<(DateOnly, string, float)>();
        for (var t = 0; t < m.T; t++)
            for (var i = 0; i < m.N; i++)
                if (rng.NextDouble() < 0.6) rows.Add((m.Calendar[t], m.Symbols[i], (float)(rng.NextDouble() * 2 - 1)));
        return rows.OrderBy(_ => rng.Next()).ToList();
    }

    private static ScoreTable Predict(MarketView m, IReadOnlyList<(DateOnly Date, string Symbol, float Score)> rows) =>
        ScoreTable.FromPredictions(m, rows.Select(r => r.Date).ToList(), rows.Select(r => r.Symbol).ToList(), rows.Select(r => r.Score).ToArray());

    [Fact]
    public void Predictions_give_the_table_ReadCsv_gives_for_the_same_rows()
    {
        var m = new RandomMarket(3).View();
        var rows = RandomRows(m, 4);
        var predicted = Predict(m, rows);
        var read = ScoreTable.ReadCsv(m, Csv(rows));
        Assert.Equal(Bits(read.Values), Bits(predicted.Values));
        Assert.Equal((read.FirstDay, read.LastDay), (predicted.FirstDay, predicted.LastDay));
        // And both put each row where a naive lookup says.
        foreach (var (d, s, v) in rows)
            Assert.Equal(v, predicted.Values[m.Calendar.IndexOf(d) * m.N + m.Data.Panel.IndexOf(s)]);
        Assert.Equal(rows.Count, predicted.Values.Count(float.IsFinite));
    }

    [Fact]
    public void Bad_prediction_rows_fail_as_the_same_csv_rows_do_naming_the_row()
    {
        var m = new RandomMarket(5).View();
        DateOnly d0 = m.Calendar[0], d1 = m.Calendar[1];
        string a = m.Symbols[0], b = m.Symbols[1];
        var saturday = new DateOnly(2020, 6, 6);
        (DateOnly, string, float)[][] cases =
        [
            [(d0, a, 1), (saturday, b, 2)],
            [(d0, a, 1), (d1, "SZ999999", 2)],
            [(d0, a, 1), (d1, b, float.NaN)],
            [(d0, a, 1), (d1, b, 2), (d0, a, 3)],
        ];
        string[] expected =
        [
            $"predictions row 1: 2020-06-06 is not a trading day of the market ({m.Calendar.First:yyyy-MM-dd}..{m.Calendar.Last:yyyy-MM-dd})",
            "predictions row 1: unknown symbol SZ999999 (not in the market data)",
            "predictions row 1: score is empty or NaN; every row needs a finite score (leave the row out for no score)",
            $"predictions row 2: duplicate row for {a} on {d0:yyyy-MM-dd} (first at row 0)",
        ];
        for (var c = 0; c < cases.Length; c++)
        {
            var predicted = Assert.Throws<InputException>(() => Predict(m, cases[c]));
            Assert.Equal(expected[c], predicted.Message);
            var path = Csv(cases[c]);
            var read = Assert.Throws<InputException>(() => ScoreTable.ReadCsv(m, path));
            // The file names line k + 2 for row k, and the duplicate's first line (row 0 is line 2).
            var csvExpected = expected[c].Replace("predictions row 1:", $"{path}:3:").Replace("predictions row 2:", $"{path}:4:")
                .Replace("(first at row 0)", "(first at line 2)");
            Assert.Equal(csvExpected, read.Message);
        }
        Assert.Throws<InputException>(() => ScoreTable.FromPredictions(m, [], [], []));
        Assert.Throws<ArgumentException>(() => ScoreTable.FromPredictions(m, [d0, d1], [a, b], new float[] { 1 }));
    }

    [Fact]
    public void WriteCsv_then_ReadCsv_gives_the_same_bits()
    {
        var m = new RandomMarket(7).View();
        var rng = new Random(8);
        var values = new float[m.T * m.N];
        for (var k = 0; k < values.Length; k++)
        {
            float v;
            do v = BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue)); while (!float.IsFinite(v));
            values[k] = rng.NextDouble() < 0.3 ? float.NaN : v;
        }
        values[5] = -0f;
        values[6] = float.Epsilon;
        values[7] = float.MaxValue;
        var table = new ScoreTable(m, values);
        var path = Path.Combine(_dir, "written.csv");
        table.WriteCsv(path);
        var back = ScoreTable.ReadCsv(m, path);
        Assert.Equal(Bits(values), Bits(back.Values));

        var lines = File.ReadAllLines(path);
        Assert.Equal("date,symbol,score", lines[0]);
        Assert.Equal(values.Count(v => !float.IsNaN(v)), lines.Length - 1);
        var first = Array.FindIndex(values, v => !float.IsNaN(v)); // date-major: the first scored cell comes first
        Assert.StartsWith($"{m.Calendar[first / m.N]:yyyy-MM-dd},{m.Symbols[first % m.N]},", lines[1]);
    }

    [Fact]
    public void WriteCsv_refuses_an_infinite_score()
    {
        var m = new RandomMarket(9).View();
        var values = TinyMarket.EmptyScores(m);
        values[m.N + 2] = float.PositiveInfinity;
        var e = Assert.Throws<InputException>(() => new ScoreTable(m, values).WriteCsv(Path.Combine(_dir, "inf.csv")));
        Assert.Contains($"{m.Symbols[2]} on {m.Calendar[1]:yyyy-MM-dd} is infinite", e.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "inf.csv")));
    }

    [Fact]
    public void A_panel_array_is_transposed_when_instrument_major_and_used_as_it_is_when_date_major()
    {
        var m = new RandomMarket(11).View();
        var byInstrument = new float[m.N * m.T];
        var rng = new Random(12);
        for (var k = 0; k < byInstrument.Length; k++) byInstrument[k] = rng.NextDouble() < 0.2 ? float.NaN : (float)rng.NextDouble();
        var table = new ScoreTable(m, new PanelArray(byInstrument, m.T, m.N, PanelLayout.InstrumentMajor));
        for (var t = 0; t < m.T; t++)
            for (var i = 0; i < m.N; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits(byInstrument[i * m.T + t]), BitConverter.SingleToInt32Bits(table.Values[t * m.N + i]));
        var byDate = new float[m.T * m.N];
        Assert.Same(byDate, new ScoreTable(m, new PanelArray(byDate, m.T, m.N, PanelLayout.DateMajor)).Values);
        Assert.Throws<ArgumentException>(() => new ScoreTable(m, new PanelArray(byDate, m.N, m.T, PanelLayout.DateMajor)));
    }

    [Fact]
    public void A_backtest_from_a_panel_array_equals_one_from_the_same_scores_as_csv()
    {
        var market = new RandomMarket(13, n: 32, days: 90);
        var m = market.View();
        // The factor-like, instrument-major form of the market's date-major random scores.
        var byInstrument = new float[m.N * m.T];
        for (var t = 0; t < m.T; t++)
            for (var i = 0; i < m.N; i++) byInstrument[i * m.T + t] = market.Scores[t * m.N + i];
        var rows = new List<(DateOnly, string, float)>();
        for (var t = 0; t < m.T; t++)
            for (var i = 0; i < m.N; i++)
                if (!float.IsNaN(market.Scores[t * m.N + i])) rows.Add((m.Calendar[t], m.Symbols[i], market.Scores[t * m.N + i]));
        var options = new BacktestOptions
        {
            InitialCash = 3_000_000,
            Costs = CostModel.China,
            Filter = CandidateFilter.Default with { MinListingDays = 3 },
        };
        var fromPanel = Backtester.Run(m, new ScoreTable(m, PanelArray.Of(m.Data.Panel, byInstrument)), new TopkDropoutStrategy(8, 3), options);
        var fromCsv = Backtester.Run(m, ScoreTable.ReadCsv(m, Csv(rows)), new TopkDropoutStrategy(8, 3), options);
        Assert.True(fromCsv.Trades.Count(t => t.Filled) > 10);
        Assert.Equal(fromCsv.Days, fromPanel.Days);
        Assert.Equal(fromCsv.Values, fromPanel.Values);
        Assert.Equal(fromCsv.StrategyReturns, fromPanel.StrategyReturns);
        Assert.Equal(fromCsv.Trades.Select(t => (t.Day, t.Instrument, t.Side, t.Shares, t.Price)), fromPanel.Trades.Select(t => (t.Day, t.Instrument, t.Side, t.Shares, t.Price)));
    }

    private static int[] Bits(float[] v) => v.Select(BitConverter.SingleToInt32Bits).ToArray();
}
