using System.Text.Json;
using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical.Svm;

/// <summary>
/// The model as JSON. System.Text.Json writes a double as its shortest round-trip form and reads it back to the same
/// bits, so a loaded model gives the decision values of the saved one exactly.
/// </summary>
internal static class SvmModelJson
{
    private const string Format = "alphasharp-svm";
    private const int Version = 1;

    public static void Save(SvmModel m, string path) => JsonOutput.Write(path, w =>
    {
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", Version);
        w.WriteString("task", m.Task == SvmTask.Classification ? "svc" : "svr");
        w.WriteString("kernel", m.Kernel.Type == SvmKernelType.Linear ? "linear" : "rbf");
        w.WriteNumber("gamma", m.Kernel.Gamma);
        w.WriteNumber("features", m.Features);
        w.WriteNumber("intercept", m.Intercept);
        if (m.Classes != null)
        {
            w.WriteStartArray("classes");
            foreach (var c in m.Classes) w.WriteNumberValue(c);
            w.WriteEndArray();
        }
        w.WriteStartArray("support_per_class");
        foreach (var c in m.SupportPerClass) w.WriteNumberValue(c);
        w.WriteEndArray();
        w.WriteNumber("iterations", m.Iterations);
        w.WriteBoolean("converged", m.Converged);
        w.WriteStartArray("dual_coefficients");
        foreach (var c in m.DualCoefficients) w.WriteNumberValue(c);
        w.WriteEndArray();
        w.WriteStartArray("support_vectors");
        var sv = m.SupportVectors;
        for (var s = 0; s < m.SupportVectorCount; s++)
        {
            w.WriteStartArray();
            for (var j = 0; j < m.Features; j++) w.WriteNumberValue(sv[s * m.Features + j]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static SvmModel Load(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new InputException($"{path}: cannot read an SVM model ({e.Message.Split('\n')[0]})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            try
            {
                if (root.GetProperty("format").GetString() != Format || root.GetProperty("version").GetInt32() != Version)
                    throw new InputException($"{path}: not an {Format} version {Version} file");
                var task = root.GetProperty("task").GetString() switch
                {
                    "svc" => SvmTask.Classification,
                    "svr" => SvmTask.Regression,
                    var t => throw new InputException($"{path}: task '{t}' is not svc or svr"),
                };
                var kernel = root.GetProperty("kernel").GetString() switch
                {
                    "linear" => SvmKernel.Linear,
                    "rbf" => SvmKernel.Rbf(root.GetProperty("gamma").GetDouble()),
                    var k => throw new InputException($"{path}: kernel '{k}' is not linear or rbf"),
                };
                var features = root.GetProperty("features").GetInt32();
                if (features <= 0) throw new InputException($"{path}: features {features} is not positive");
                int[]? classes = root.TryGetProperty("classes", out var cl) ? cl.EnumerateArray().Select(e => e.GetInt32()).ToArray() : null;
                if (task == SvmTask.Classification && classes is not { Length: 2 })
                    throw new InputException($"{path}: an svc model needs two classes");
                var perClass = root.GetProperty("support_per_class").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                var coef = root.GetProperty("dual_coefficients").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var rows = root.GetProperty("support_vectors").EnumerateArray().ToArray();
                if (rows.Length != coef.Length || perClass.Sum() != coef.Length)
                    throw new InputException($"{path}: {rows.Length} support vectors, {coef.Length} coefficients and support_per_class summing to {perClass.Sum()} disagree");
                var vectors = new double[rows.Length * features];
                for (var s = 0; s < rows.Length; s++)
                {
                    var row = rows[s].EnumerateArray().Select(e => e.GetDouble()).ToArray();
                    if (row.Length != features) throw new InputException($"{path}: support vector {s} has {row.Length} values, not {features}");
                    row.CopyTo(vectors, s * features);
                }
                return new SvmModel(task, kernel, features, vectors, coef, root.GetProperty("intercept").GetDouble(), classes,
                    perClass, [], root.GetProperty("iterations").GetInt64(), root.GetProperty("converged").GetBoolean());
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InputException($"{path}: malformed SVM model ({e.Message.Split('\n')[0]})");
            }
        }
    }
}
