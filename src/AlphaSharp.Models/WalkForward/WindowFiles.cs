using System.Globalization;
using System.Text.Json;
using AlphaSharp.Common;
using AlphaSharp.Data;
using Calendar = AlphaSharp.Data.Calendar;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.WalkForward;

/// <summary>
/// The files of one window's folder besides the model's own: <c>window.json</c> (its dates), <c>normalizer.json</c>
/// (the feature processing fitted on its training span) and <c>predictions.csv</c> (<c>date,symbol,score</c> of its
/// test block, floats in round-trip form so a resumed run reads back the same bits). Predictions are written last:
/// a folder holding them holds a finished window.
/// </summary>
public static class WindowFiles
{
    public const string WindowFile = "window.json";
    public const string NormalizerFile = "normalizer.json";
    public const string PredictionsFile = "predictions.csv";
    public const string TrainingFolder = "training";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The window's dates as written to <c>window.json</c>: the segments as asked and the trading days they resolved to.</summary>
    public static string Describe(WalkForwardWindow window, Calendar calendar) => JsonSerializer.Serialize(new
    {
        window = window.Index,
        segments = window.Segments.Select(s => new { name = s.Name, start = CsvTable.Date(s.Start), end = CsvTable.Date(s.End) }),
        trading_days = window.Spans.Select(s => new
        {
            name = s.Name, first = CsvTable.Date(calendar[s.First]), last = CsvTable.Date(calendar[s.Last]), days = s.Days, purged = s.Purged,
        }),
    }, Json);

    public static void WritePredictions(string path, SampleIndex samples, float[] scores, Calendar calendar, IReadOnlyList<string> symbols)
    {
        var header = new[] { "date", "symbol", "score" };
        var rows = Enumerable.Range(0, samples.Count).Select(k => (IReadOnlyList<string>)
            [CsvTable.Date(calendar[samples.Days[k]]), symbols[samples.Instruments[k]], scores[k].ToString("R", CultureInfo.InvariantCulture)]);
        CsvTable.Write(path, header, rows);
    }

    /// <summary>Reads a window's predictions into <paramref name="scores"/> (date-major T x N); every row must lie in <paramref name="test"/>.</summary>
    public static void ReadPredictions(string path, SegmentSpan test, Calendar calendar, IReadOnlyList<string> symbols, float[] scores)
    {
        var index = symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var n = symbols.Count;
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != "date,symbol,score") throw new InputException($"{path}:1: expected the header date,symbol,score");
        for (var l = 1; l < lines.Length; l++)
        {
            var cells = lines[l].Split(',');
            if (cells.Length != 3
                || !DateOnly.TryParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !calendar.TryIndexOf(date, out var t) || !test.Contains(t)
                || !index.TryGetValue(cells[1], out var i)
                || !float.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
                throw new InputException($"{path}:{l + 1}: not a prediction of this window's test days ({calendar[test.First]:yyyy-MM-dd}..{calendar[test.Last]:yyyy-MM-dd}) for an instrument of the data; delete the window's folder to refit it");
            scores[t * n + i] = score;
        }
    }
}
