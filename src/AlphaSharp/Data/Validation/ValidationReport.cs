using System.Text.Json;
using System.Text;

namespace AlphaSharp.Data.Validation;

/// <summary>What a validation run found, check by check; findings are a report, not a failure.</summary>
public sealed class ValidationReport(string source, int instruments, int days, long rows, IReadOnlyList<CheckResult> checks)
{
    public string Source { get; } = source;
    public int Instruments { get; } = instruments;
    public int Days { get; } = days;
    /// <summary>Rows with a close (present stock-days).</summary>
    public long Rows { get; } = rows;
    public IReadOnlyList<CheckResult> Checks { get; } = checks;

    public long Errors => Checks.Where(c => c.Severity == Severity.Error).Sum(c => c.Count);
    public long Warnings => Checks.Where(c => c.Severity == Severity.Warning).Sum(c => c.Count);

    public CheckResult this[string id] => Checks.First(c => c.Id == id);

    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions
               {
                   Indented = true,
                   Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            w.WriteStartObject();
            w.WriteString("source", Source);
            w.WriteNumber("instruments", Instruments);
            w.WriteNumber("days", Days);
            w.WriteNumber("rows", Rows);
            w.WriteNumber("errors", Errors);
            w.WriteNumber("warnings", Warnings);
            w.WriteStartArray("checks");
            foreach (var c in Checks)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("title", c.Title);
                w.WriteString("severity", c.Severity == Severity.Error ? "error" : "warning");
                w.WriteBoolean("ran", c.Ran);
                if (c.Skipped is not null) w.WriteString("skipped", c.Skipped);
                w.WriteNumber("count", c.Count);
                w.WriteString("unit", c.Unit);
                w.WriteStartArray("examples");
                foreach (var e in c.Examples)
                {
                    w.WriteStartObject();
                    if (e.Symbol is null) w.WriteNull("symbol");
                    else w.WriteString("symbol", e.Symbol);
                    if (e.Date is { } d) w.WriteString("date", d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    else w.WriteNull("date");
                    w.WriteNumber("magnitude", Math.Round(e.Magnitude, 6));
                    w.WriteString("text", e.Text);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
