using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Store;

public class MarketStoreTests
{
    /// <summary>Awkward float bits on purpose: NaN with payload, -0, subnormals, infinities, 2-decimal prices, big volumes.</summary>
    private static MarketData Sample(int seed)
    {
        var rng = new Random(seed);
        var days = Enumerable.Range(0, 60).Select(k => new DateOnly(2020, 1, 1).AddDays(k)).ToArray();
        var calendar = new Calendar(days);
        string[] symbols = ["SH600000", "SZ000001", "SZ300750", "SH688001"];
        var panel = new Panel(calendar, symbols);
        var close = panel.SetField("close");
        var volume = panel.SetField("volume");
        var odd = panel.SetField("odd_bits");
        for (var k = 0; k < close.Length; k++)
        {
            if (rng.Next(10) == 0) continue;
            close[k] = (float)Math.Round(5 + 100 * rng.NextDouble(), 2);
            volume[k] = rng.Next(3) == 0 ? 0 : (float)Math.Round(1e9 * rng.NextDouble());
            odd[k] = BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32));
        }
        odd[0] = -0.0f;
        odd[1] = float.Epsilon;
        odd[2] = float.PositiveInfinity;
        odd[3] = BitConverter.UInt32BitsToSingle(0x7FC00123); // NaN with a payload
        var data = new MarketData(panel)
        {
            Universe = new Universe("test", calendar,
            [
                new MembershipSpell("SH600000", days[0], days[59]),
                new MembershipSpell("SZ000001", days[10], days[20]),
                new MembershipSpell("SZ000001", days[30], days[40]),
                new MembershipSpell("SZ000002", days[0], days[5]),
            ]),
            Benchmark = new BenchmarkSeries("SH000300",
                Enumerable.Range(0, 60).Select(t => 3000f + t).ToArray(), Enumerable.Range(0, 60).Select(t => 3010f + t).ToArray(),
                Enumerable.Range(0, 60).Select(t => 2990f + t).ToArray(), Enumerable.Range(0, 60).Select(t => t == 7 ? float.NaN : 3005f + t).ToArray(),
                Enumerable.Range(0, 60).Select(t => 1e9f + t).ToArray()),
            Industry = new Dictionary<string, string> { ["SH600000"] = "银行", ["SZ000001"] = "银行" },
        };
        data.Units["close"] = "CNY (raw)";
        data.Provenance.Add("synthetic test data, seed " + seed);
        return data;
    }

    private static void AssertBitIdentical(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
            Assert.True(BitConverter.SingleToUInt32Bits(expected[k]) == BitConverter.SingleToUInt32Bits(actual[k]), $"value {k}");
    }

    [Fact]
    public void Save_then_load_round_trips_bit_identically()
    {
        using var files = new DataTestFiles();
        var data = Sample(11);
        var dir = Path.Combine(files.Dir, "store");
        MarketStore.Save(data, dir);
        var back = MarketStore.Load(dir);

        Assert.Equal(data.Calendar.Days, back.Calendar.Days);
        Assert.Equal(data.Panel.Symbols, back.Panel.Symbols);
        Assert.Equal(data.Panel.FieldNames, back.Panel.FieldNames);
        foreach (var f in data.Panel.FieldNames) AssertBitIdentical(data.Panel.Field(f), back.Panel.Field(f));
        Assert.Equal("test", back.Universe!.Name);
        Assert.Equal(data.Universe!.Spells, back.Universe.Spells);
        Assert.Equal(Enumerable.Range(0, 60).Select(data.Universe.CountOn), Enumerable.Range(0, 60).Select(back.Universe.CountOn));
        var (b0, b1) = (data.Benchmark!, back.Benchmark!);
        Assert.Equal(b0.Symbol, b1.Symbol);
        foreach (var (x, y) in new[] { (b0.Open, b1.Open), (b0.High, b1.High), (b0.Low, b1.Low), (b0.Close, b1.Close), (b0.Volume, b1.Volume) })
            AssertBitIdentical(x, y);
        Assert.Equal("银行", back.Industry["SZ000001"]);
        Assert.Equal("CNY (raw)", back.Units["close"]);
        Assert.Equal(data.Provenance, back.Provenance);
        Assert.Equal(["store"], files.Entries().Where(e => !e.Contains(Path.DirectorySeparatorChar)));
    }

    [Fact]
    public void Load_can_ask_for_some_fields_only()
    {
        using var files = new DataTestFiles();
        var data = Sample(9);
        var dir = Path.Combine(files.Dir, "store");
        MarketStore.Save(data, dir);
        var some = MarketStore.Load(dir, ["volume", "close"]);
        Assert.Equal(["close", "volume"], some.Panel.FieldNames); // store order
        AssertBitIdentical(data.Panel.Field("volume"), some.Panel.Field("volume"));
        Assert.NotNull(some.Universe);
        Assert.NotNull(some.Benchmark);
        Assert.Equal($"{dir}: no field 'vwap' in this store (have: close, volume, odd_bits)",
            Assert.Throws<InputException>(() => MarketStore.Load(dir, ["vwap"])).Message);
    }

    [Fact]
    public void Saving_twice_gives_the_same_bytes()
    {
        using var files = new DataTestFiles();
        var data = Sample(5);
        MarketStore.Save(data, Path.Combine(files.Dir, "a"));
        MarketStore.Save(data, Path.Combine(files.Dir, "b"));
        foreach (var file in Directory.GetFiles(Path.Combine(files.Dir, "a")))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(files.Dir, "b", Path.GetFileName(file))));
    }

    [Fact]
    public void Existing_target_is_refused_and_left_untouched()
    {
        using var files = new DataTestFiles();
        var dir = Path.Combine(files.Dir, "store");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "mine");
        var e = Assert.Throws<InputException>(() => MarketStore.Save(Sample(1), dir));
        Assert.Equal($"{dir}: already exists; choose a new output directory or delete this one first", e.Message);
        Assert.Equal(["store", Path.Combine("store", "keep.txt")], files.Entries());
    }

    [Fact]
    public void Failed_save_leaves_nothing_behind()
    {
        using var files = new DataTestFiles();
        var data = Sample(2);
        data.Panel.SetField("bad/name");
        var dir = Path.Combine(files.Dir, "store");
        var e = Assert.Throws<InputException>(() => MarketStore.Save(data, dir));
        Assert.Equal("field 'bad/name': a stored field name must be 1-64 ASCII letters, digits, '_' or '-'", e.Message);
        Assert.Empty(files.Entries());

        // A failure after the columns were written (a benchmark of the wrong length) removes the temporary directory.
        var late = Sample(2);
        late.Benchmark = late.Benchmark! with { Close = new float[3] };
        Assert.Throws<ArgumentException>(() => MarketStore.Save(late, dir));
        Assert.Empty(files.Entries());
    }

    [Fact]
    public void Damaged_store_fails_with_one_clear_line()
    {
        using var files = new DataTestFiles();
        var dir = Path.Combine(files.Dir, "store");
        MarketStore.Save(Sample(3), dir);
        var column = Path.Combine(dir, "close.f32");
        var bytes = File.ReadAllBytes(column);
        File.WriteAllBytes(column, bytes[..^10]);
        var e = Assert.Throws<InputException>(() => MarketStore.Load(dir));
        Assert.Equal($"{column}: {bytes.Length - 10:N0} bytes, the manifest says {bytes.Length:N0}; the store is damaged, re-import it", e.Message);

        // Same size, scrambled content: caught by the decoder.
        var scrambled = (byte[])bytes.Clone();
        for (var k = 0; k < scrambled.Length; k++) scrambled[k] ^= 0x5A;
        File.WriteAllBytes(column, scrambled);
        e = Assert.Throws<InputException>(() => MarketStore.Load(dir));
        Assert.StartsWith($"{column}: does not decode to", e.Message);

        File.Delete(column);
        e = Assert.Throws<InputException>(() => MarketStore.Load(dir));
        Assert.Equal($"{column}: column file of 'close' is missing; the store is damaged, re-import it", e.Message);
    }

    [Fact]
    public void Not_a_store_and_wrong_version_are_one_line()
    {
        using var files = new DataTestFiles();
        Assert.Equal($"{files.Dir}: not a market store (no manifest.json)",
            Assert.Throws<InputException>(() => MarketStore.Load(files.Dir)).Message);
        var dir = Path.Combine(files.Dir, "store");
        MarketStore.Save(Sample(4), dir);
        var manifest = Path.Combine(dir, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"version\": 1", "\"version\": 99"));
        Assert.Equal($"{manifest}: store format version 99, this build reads version 1; re-import the data",
            Assert.Throws<InputException>(() => MarketStore.Load(dir)).Message);
        File.WriteAllText(manifest, "{ not json");
        Assert.StartsWith($"{manifest}: not valid JSON", Assert.Throws<InputException>(() => MarketStore.Load(dir)).Message);
    }

    [Fact]
    public void Codec_picks_each_encoding_where_it_is_smallest_and_every_encoding_decodes()
    {
        var rng = new Random(3);
        // Two-decimal prices with repeats: Brotli on the plain bytes.
        var prices = Enumerable.Range(0, 50_000).Select(k => (float)Math.Round(10 + (k / 7 % 40) * 0.01 + (k % 3) * 0.01, 2)).ToArray();
        var (_, priceEncoding) = ColumnCodec.Encode(prices);
        Assert.Equal(ColumnEncoding.BrotliPlain, priceEncoding);
        var noisy = Enumerable.Range(0, 50_000).Select(_ => (float)(1e6 * rng.NextDouble())).ToArray();
        foreach (var values in new[] { prices, noisy })
        foreach (var encoding in Enum.GetValues<ColumnEncoding>())
        {
            var bytes = EncodeAs(values, encoding);
            var back = new float[values.Length];
            Assert.True(ColumnCodec.TryDecode(bytes, encoding, back));
            AssertBitIdentical(values, back);
            Assert.False(ColumnCodec.TryDecode(bytes, encoding, new float[values.Length + 1])); // wrong length is refused
        }
    }

    // Forces an encoding through the public API: encode, then re-encode the decoded bytes the requested way.
    private static byte[] EncodeAs(float[] values, ColumnEncoding encoding)
    {
        var raw = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        switch (encoding)
        {
            case ColumnEncoding.BrotliPlain:
            {
                var buffer = new byte[System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(raw.Length)];
                System.IO.Compression.BrotliEncoder.TryCompress(raw, buffer, out var n, 5, 24);
                return buffer[..n];
            }
            case ColumnEncoding.ZlibPlain:
                return Zlib(raw);
            default:
            {
                var n = values.Length;
                var planes = new byte[4 * n];
                for (var k = 0; k < n; k++)
                    for (var j = 0; j < 4; j++) planes[j * n + k] = raw[4 * k + j];
                return Zlib(planes);
            }
        }
    }

    private static byte[] Zlib(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(ms, System.IO.Compression.CompressionLevel.Fastest, true)) z.Write(raw);
        return ms.ToArray();
    }
}
