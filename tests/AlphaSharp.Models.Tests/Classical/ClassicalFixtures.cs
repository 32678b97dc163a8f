using System.Text.Json;

namespace AlphaSharp.Models.Tests.Classical;

/// <summary>tests/fixtures/svm/*.json, written by tests/fixtures/svm/make_fixtures.py (sklearn).</summary>
internal static class ClassicalFixtures
{
    public static JsonElement Read(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory(), name))).RootElement;

    public static double[,] Matrix(JsonElement rows)
    {
        var r = rows.EnumerateArray().Select(e => e.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var m = new double[r.Length, r[0].Length];
        for (var i = 0; i < r.Length; i++)
        for (var j = 0; j < r[0].Length; j++)
            m[i, j] = r[i][j];
        return m;
    }

    public static double[] Doubles(JsonElement a) => a.EnumerateArray().Select(e => e.GetDouble()).ToArray();
    public static int[] Ints(JsonElement a) => a.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "svm");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/fixtures/svm not found above {AppContext.BaseDirectory}");
    }
}
