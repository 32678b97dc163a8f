using AlphaSharp.Common;
using AlphaSharp.Data.Export;

namespace AlphaSharp.Data.Qlib;

/// <summary>Writes a <see cref="MarketData"/> as a Qlib data directory (daily frequency).</summary>
public static class QlibExporter
{
    /// <summary>Builds the directory under a temporary name and renames it to <paramref name="outDir"/>, which must not exist.</summary>
    public static void Export(MarketData data, string outDir, QlibPriceConvention prices = QlibPriceConvention.Raw,
        Action<int, int>? progress = null)
    {
        using var staged = new StagedDirectory(outDir);
        WriteInto(data, staged.Path, prices, progress);
        staged.Commit();
    }

    /// <summary>Writes into an existing, empty directory.</summary>
    public static void WriteInto(MarketData data, string root, QlibPriceConvention prices = QlibPriceConvention.Raw,
        Action<int, int>? progress = null)
    {
        var panel = data.Panel;
        var fields = panel.FieldNames.ToList();
        CheckFieldNames(fields);
        if (prices == QlibPriceConvention.Adjusted)
        {
            if (!panel.HasField("factor"))
                throw new InputException("qlib export: Qlib's adjusted convention needs a 'factor' field and this store has none; export with raw prices");
            if (panel.HasField("vwap"))
                throw new InputException("qlib export: the store already has a 'vwap' field, which the adjusted convention would overwrite; export with raw prices");
        }

        QlibCalendarFile.Write(QlibLayout.CalendarPath(root), data.Calendar);
        var spans = new List<MembershipSpell>();
        var empty = new List<string>();
        var derived = new List<string>();
        var T = panel.T;
        var buffer = new float[T];
        for (var i = 0; i < panel.N; i++)
        {
            var symbol = panel.Symbols[i];
            if (!TrySpan(panel, fields, i, out var start, out var end))
            {
                empty.Add(symbol);
                progress?.Invoke(i + 1, panel.N);
                continue;
            }
            spans.Add(new MembershipSpell(symbol, data.Calendar[start], data.Calendar[end]));
            Directory.CreateDirectory(Path.GetDirectoryName(QlibLayout.FeaturePath(root, symbol, "x"))!);
            var len = end - start + 1;
            foreach (var field in fields)
            {
                var src = panel.Series(field, i).Slice(start, len);
                if (prices == QlibPriceConvention.Adjusted) src = Adjust(panel, field, i, start, len, buffer);
                QlibBinFile.Write(QlibLayout.FeaturePath(root, symbol, field), start, src);
            }
            if (prices == QlibPriceConvention.Adjusted && panel.HasField("amount") && panel.HasField("volume"))
            {
                var amount = panel.Series("amount", i);
                var volume = panel.Series("volume", i);
                var factor = panel.Series("factor", i);
                for (var k = 0; k < len; k++)
                    buffer[k] = QlibAdjustment.AdjustedVwap(amount[start + k], volume[start + k], factor[start + k]);
                QlibBinFile.Write(QlibLayout.FeaturePath(root, symbol, "vwap"), start, buffer.AsSpan(0, len));
                if (derived.Count == 0) derived.Add("vwap");
            }
            progress?.Invoke(i + 1, panel.N);
        }
        QlibInstrumentsFile.Write(QlibLayout.InstrumentsPath(root, QlibLayout.AllInstruments), spans);

        string? universeName = null;
        if (data.Universe is { } universe)
        {
            universeName = universe.Name.ToLowerInvariant();
            if (universeName == QlibLayout.AllInstruments || universeName.Length == 0 || universeName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                throw new InputException($"qlib export: universe name '{universe.Name}' cannot be an instruments file name (and 'all' is Qlib's list of every instrument)");
            QlibInstrumentsFile.Write(QlibLayout.InstrumentsPath(root, universeName), universe.Spells);
        }

        string? benchmark = null;
        if (data.Benchmark is { } bench)
        {
            benchmark = bench.Symbol.ToUpperInvariant();
            if (panel.TryIndexOf(benchmark, out _))
                throw new InputException($"qlib export: benchmark {benchmark} is also a panel instrument; Qlib would see one feature directory for both");
            WriteBenchmark(root, bench, benchmark);
        }

        new QlibManifest
        {
            Prices = prices,
            Fields = fields,
            Derived = derived,
            Instruments = panel.Symbols.ToList(),
            EmptyInstruments = empty,
            Universe = universeName,
            Benchmark = benchmark,
            Units = new Dictionary<string, string>(data.Units),
            Industry = new Dictionary<string, string>(data.Industry),
            Provenance = [.. data.Provenance],
        }.Write(root);
    }

    /// <summary>The benchmark's fields, in <see cref="BenchmarkSeries"/> order.</summary>
    internal static readonly string[] BenchmarkFields = ["open", "high", "low", "close", "volume"];

    internal static float[][] BenchmarkColumns(BenchmarkSeries b) => [b.Open, b.High, b.Low, b.Close, b.Volume];

    private static void WriteBenchmark(string root, BenchmarkSeries bench, string symbol)
    {
        var cols = BenchmarkColumns(bench);
        int start = int.MaxValue, end = -1;
        foreach (var c in cols)
            for (var t = 0; t < c.Length; t++)
                if (!float.IsNaN(c[t])) { start = Math.Min(start, t); end = Math.Max(end, t); }
        if (end < 0) return;
        Directory.CreateDirectory(Path.GetDirectoryName(QlibLayout.FeaturePath(root, symbol, "x"))!);
        for (var f = 0; f < cols.Length; f++)
            QlibBinFile.Write(QlibLayout.FeaturePath(root, symbol, BenchmarkFields[f]), start, cols[f].AsSpan(start, end - start + 1));
    }

    private static Span<float> Adjust(Panel panel, string field, int i, int start, int len, float[] buffer)
    {
        var src = panel.Series(field, i).Slice(start, len);
        var factor = panel.Series("factor", i).Slice(start, len);
        var dst = buffer.AsSpan(0, len);
        if (QlibAdjustment.IsPrice(field))
            for (var k = 0; k < len; k++) dst[k] = QlibAdjustment.ToAdjustedPrice(src[k], factor[k]);
        else if (field == "volume")
            for (var k = 0; k < len; k++) dst[k] = QlibAdjustment.ToAdjustedVolume(src[k], factor[k]);
        else src.CopyTo(dst);
        return dst;
    }

    /// <summary>First and last day on which any field of instrument i has a value.</summary>
    private static bool TrySpan(Panel panel, List<string> fields, int i, out int start, out int end)
    {
        start = int.MaxValue;
        end = -1;
        foreach (var field in fields)
        {
            var s = panel.Series(field, i);
            // Not IndexOfAnyExcept(NaN): NaN never equals itself, so that would stop at the first element.
            var first = 0;
            while (first < s.Length && float.IsNaN(s[first])) first++;
            if (first == s.Length) continue;
            start = Math.Min(start, first);
            for (var t = s.Length - 1; t > end; t--)
                if (!float.IsNaN(s[t])) { end = t; break; }
        }
        return end >= 0;
    }

    private static void CheckFieldNames(List<string> fields)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            if (f.Length == 0 || !f.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new InputException($"qlib export: field '{f}' cannot be a Qlib feature name (use letters, digits and '_')");
            if (!seen.TryAdd(f.ToLowerInvariant(), f))
                throw new InputException($"qlib export: fields '{seen[f.ToLowerInvariant()]}' and '{f}' differ only in case; Qlib's file names are lower-case");
        }
    }
}
