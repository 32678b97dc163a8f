using AlphaSharp.Data.Qlib;

namespace AlphaSharp.Tests.Data.Qlib;

/// <summary>
/// Volume stored raw or as Qlib's raw / factor: the option picks the reading, and the ex-date check says when the data
/// contradict it. Each tree has stocks whose factor doubles on one day, with volume built one way or the other.
/// </summary>
public sealed class QlibVolumeConventionTests : IDisposable
{
    private readonly QlibTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private void Build(bool rawVolume)
    {
        for (var k = 0; k < 8; k++)
        {
            var s = $"SH60{k:D4}";
            _tree.List(s);
            _tree.Stock(s, seed: 100 + k, rawVolume: rawVolume, exDate: 20 + k);
        }
    }

    private static QlibImport Read(string root, QlibVolumeConvention? volume) =>
        QlibImporter.Read(root, new QlibImportOptions { Volume = volume });

    [Fact]
    public void Raw_and_adjusted_differ_by_the_factor()
    {
        Build(rawVolume: true);
        var raw = Read(_tree.Root, QlibVolumeConvention.Raw).Data.Panel;
        var adjusted = Read(_tree.Root, QlibVolumeConvention.Adjusted).Data.Panel;
        for (var i = 0; i < raw.N; i++)
        {
            var (_, stored) = QlibTree.ReadBin(Path.Combine(_tree.Features, raw.Symbols[i], "volume.day.bin"));
            var (_, factor) = QlibTree.ReadBin(Path.Combine(_tree.Features, raw.Symbols[i], "factor.day.bin"));
            for (var t = 0; t < raw.T; t++)
            {
                Assert.Equal(stored[t], raw["volume", t, i]);
                Assert.Equal((float)((double)stored[t] * factor[t]), adjusted["volume", t, i]);
            }
        }
    }

    [Fact]
    public void Adjusted_reading_of_raw_volume_is_reported()
    {
        Build(rawVolume: true);
        var import = Read(_tree.Root, QlibVolumeConvention.Adjusted);
        var warning = Assert.Single(import.Findings, f => f.StartsWith("volume convention", StringComparison.Ordinal));
        Assert.StartsWith("volume convention is set to adjusted but the data look raw: 8 ex-date(s) with a factor jump of at least 20 %, median score 1.", warning);
        Assert.EndsWith("set the volume convention to raw", warning);
        Assert.DoesNotContain(Read(_tree.Root, QlibVolumeConvention.Raw).Findings, f => f.StartsWith("volume convention", StringComparison.Ordinal));
        // Left to itself the import reads the data's own convention.
        var auto = Read(_tree.Root, null).Data;
        Assert.Contains(auto.Provenance, l => l.StartsWith("volume convention: raw, found from the data: 8 ex-date(s)", StringComparison.Ordinal));
        Assert.Equal(QlibTree.ReadBin(Path.Combine(_tree.Features, "SH600000", "volume.day.bin")).Values[40], auto.Panel["volume", 40, 0]);
    }

    [Fact]
    public void Raw_reading_of_adjusted_volume_is_reported()
    {
        Build(rawVolume: false);
        var warning = Assert.Single(Read(_tree.Root, QlibVolumeConvention.Raw).Findings, f => f.StartsWith("volume convention", StringComparison.Ordinal));
        Assert.StartsWith("volume convention is set to raw but the data look adjusted: 8 ex-date(s)", warning);
        Assert.EndsWith("set the volume convention to adjusted", warning);
        Assert.DoesNotContain(Read(_tree.Root, QlibVolumeConvention.Adjusted).Findings, f => f.StartsWith("volume convention", StringComparison.Ordinal));
    }

    [Fact]
    public void With_an_amount_field_the_check_scores_against_amount_over_close()
    {
        Build(rawVolume: false);
        for (var k = 0; k < 8; k++)
        {
            // amount = raw volume x raw close = stored (adjusted) volume x factor x adjusted close / factor.
            var folder = Path.Combine(_tree.Features, $"SH60{k:D4}");
            var (_, v) = QlibTree.ReadBin(Path.Combine(folder, "volume.day.bin"));
            var (_, c) = QlibTree.ReadBin(Path.Combine(folder, "close.day.bin"));
            _tree.Write($"SH60{k:D4}", "amount", 0, v.Select((x, t) => x * c[t] * 1.003f).ToArray());
        }
        var warning = Assert.Single(Read(_tree.Root, QlibVolumeConvention.Raw).Findings, f => f.StartsWith("volume convention", StringComparison.Ordinal));
        Assert.Contains("(volume against amount / raw close;", warning);
        Assert.Contains("median score 0.00", warning);
    }
}
