using System.Globalization;
using AlphaSharp.Data;

namespace AlphaSharp.Factors.Output;

/// <summary>
/// Computed features gathered on selected (date, instrument) rows (universe members in a date range), date-major like
/// the CSV it writes: <c>date,symbol,&lt;features&gt;</c>, NaN as an empty field, floats in their shortest round-trip form
/// so reading the CSV back gives the same float32. Only the selected cells are kept, so a wide set costs
/// rows x features floats, not whole panels.
/// </summary>
public sealed class FeatureTable
{
    private FeatureTable(Panel panel, IReadOnlyList<string> names, int[] cells, float[][] columns)
    {
        Panel = panel; Names = names; Cells = cells; Columns = columns;
    }

    public Panel Panel { get; }
    public IReadOnlyList<string> Names { get; }

    /// <summary>Panel cell (i * T + t) of each row, ordered by date then instrument.</summary>
    public int[] Cells { get; }

    /// <summary>One column per feature, one value per row.</summary>
    public float[][] Columns { get; }

    public int Rows => Cells.Length;

    /// <summary>Selected cells in date-major order from an instrument-major mask.</summary>
    public static int[] SelectCells(bool[] rowMask, int T, int N)
    {
        var cells = new List<int>();
        for (var t = 0; t < T; t++)
            for (var i = 0; i < N; i++)
                if (rowMask[i * T + t]) cells.Add(i * T + t);
        return cells.ToArray();
    }

    /// <summary>Evaluates the features (sharing sub-expressions) and keeps the selected cells of each.</summary>
    public static FeatureTable Compute(FactorEngine engine, IReadOnlyList<FeatureSets.Feature> features, bool[] rowMask, Action<int, int>? progress = null)
    {
        var panel = engine.Data.Panel;
        var cells = SelectCells(rowMask, panel.T, panel.N);
        var columns = new float[features.Count][];
        engine.Evaluate(features.Select(f => f.Expression).ToList(), (k, values) =>
        {
            var column = new float[cells.Length];
            for (var r = 0; r < cells.Length; r++) column[r] = values[cells[r]];
            columns[k] = column;
        }, progress: progress);
        return new FeatureTable(panel, features.Select(f => f.Name).ToList(), cells, columns);
    }

    public void WriteCsv(TextWriter w, Action<double>? progress = null)
    {
        w.Write("date,symbol");
        foreach (var n in Names) { w.Write(','); w.Write(Quote(n)); }
        w.Write('\n');
        var T = Panel.T;
        Span<char> buffer = stackalloc char[32];
        for (var r = 0; r < Rows; r++)
        {
            var cell = Cells[r];
            w.Write(Panel.Calendar[cell % T].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(Panel.Symbols[cell / T]);
            foreach (var column in Columns)
            {
                w.Write(',');
                var v = column[r];
                if (float.IsNaN(v)) continue;
                if (v.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture)) w.Write(buffer[..written]);
                else w.Write(v.ToString("R", CultureInfo.InvariantCulture));
            }
            w.Write('\n');
            if (progress is not null && (r & 0xFFFF) == 0) progress((double)r / Rows);
        }
    }

    /// <summary>Expression names contain commas; CSV quotes them (and doubles inner quotes).</summary>
    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
