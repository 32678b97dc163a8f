using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Factors.Expressions;

/// <summary>
/// Resolves <c>$name</c> in expressions to panels, with Qlib's conventions:
/// <list type="bullet">
/// <item><c>$open $high $low $close $vwap</c> are adjusted prices, raw x factor (the store keeps raw prices and the
/// cumulative backward factor); <c>$volume</c> is raw shares / factor, as Qlib adjusts volume, so adjusted price x
/// adjusted volume stays the traded value; <c>$amount</c> is the traded value in CNY (no adjustment needed).</item>
/// <item><c>$vwap</c> is the panel's vwap field x factor where the panel has one, otherwise amount / raw volume x factor.</item>
/// <item><c>$open_raw ... $vwap_raw</c>, <c>$volume_raw</c>: unadjusted values; <c>$factor</c>: the factor.</item>
/// <item>On a suspended day (volume 0: the row is a flat fill) every market field above is NaN: it was not a trading
/// day for that stock, as in Qlib's data, where such days have no bar.</item>
/// <item>Any other panel field by its name, as stored (<c>$pe_ttm $pb $ps_ttm $total_mv $float_mv $float_share
/// $turnover</c> in the shipped data); NaN where the vendor had no value.</item>
/// <item><c>$industry</c>: the industry map as categories, only inside CSNeutralize.</item>
/// </list>
/// </summary>
public sealed class FieldSource
{
    public const string Industry = "industry";
    private static readonly string[] Prices = ["open", "high", "low", "close"];
    private readonly MarketData _data;
    private readonly Panel _panel;

    public FieldSource(MarketData data)
    {
        _data = data;
        _panel = data.Panel;
    }

    /// <summary>Every name an expression may use after '$', in a stable order.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = new List<string>();
            foreach (var p in Prices.Where(_panel.HasField)) names.Add(p);
            if (HasVwap) names.Add("vwap");
            if (_panel.HasField("volume")) names.Add("volume");
            if (_panel.HasField("amount")) names.Add("amount");
            if (_panel.HasField("factor")) names.Add("factor");
            foreach (var p in Prices.Where(_panel.HasField)) names.Add(p + "_raw");
            if (HasVwap) names.Add("vwap_raw");
            if (_panel.HasField("volume")) names.Add("volume_raw");
            names.AddRange(_panel.FieldNames.Where(f => !names.Contains(f) && f != "vwap"));
            if (_data.Industry.Count > 0) names.Add(Industry);
            return names;
        }
    }

    public bool Has(string name) => Names.Contains(name);

    private bool HasVwap => _panel.HasField("vwap") || (_panel.HasField("amount") && _panel.HasField("volume"));

    private readonly Dictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The field's values as one array kept for this source's life, shared by every caller, which must not write to it:
    /// an expression engine adjusts $close (raw x factor, suspended days NaN) once, not once per batch.
    /// </summary>
    internal float[] Shared(string name)
    {
        lock (_cache)
        {
            if (!_cache.TryGetValue(name, out var values)) _cache[name] = values = Load(name);
            return values;
        }
    }

    /// <summary>The field's values (a fresh array the caller owns), instrument-major.</summary>
    public float[] Load(string name)
    {
        var cells = _panel.T * _panel.N;
        var raw = name.EndsWith("_raw", StringComparison.Ordinal);
        var stem = raw ? name[..^4] : name;
        var market = Prices.Contains(stem) || stem is "vwap" or "volume" || (stem == "amount" && !raw);
        if (!market || (raw && stem == "amount"))
        {
            if (!_panel.HasField(name)) throw new InputException($"no field '${name}' (fields: {string.Join(", ", Names.Select(n => "$" + n))})");
            return (float[])_panel.Field(name).Clone();
        }
        var y = GC.AllocateUninitializedArray<float>(cells);
        if (stem != "vwap" && !raw && _panel.HasField("factor") && _panel.HasField("volume"))
        {
            // The common case in one pass: adjust (x factor, or / factor for volume; amount as is) and blank suspended days.
            var source = _panel.Field(stem);
            var factor = _panel.Field("factor");
            var volume = _panel.Field("volume");
            for (var k = 0; k < cells; k++)
            {
                var v = stem == "volume" ? source[k] / factor[k] : stem == "amount" ? source[k] : source[k] * factor[k];
                y[k] = volume[k] == 0 ? float.NaN : v;
            }
            return y;
        }
        if (stem == "vwap" && !_panel.HasField("vwap"))
        {
            var amount = _panel.Field("amount");
            var volume = _panel.Field("volume");
            for (var k = 0; k < cells; k++) y[k] = volume[k] > 0 ? (float)((double)amount[k] / volume[k]) : float.NaN;
        }
        else Array.Copy(_panel.Field(stem), y, cells);
        if (!raw && _panel.HasField("factor"))
        {
            var factor = _panel.Field("factor");
            if (stem == "volume") for (var k = 0; k < cells; k++) y[k] /= factor[k];
            else if (stem != "amount") for (var k = 0; k < cells; k++) y[k] *= factor[k];
        }
        if (_panel.HasField("volume"))
        {
            var volume = _panel.Field("volume");
            for (var k = 0; k < cells; k++) if (volume[k] == 0) y[k] = float.NaN;
        }
        return y;
    }

    /// <summary>Industry code per panel instrument (index into the sorted industry names; -1 where unmapped).</summary>
    public int[] IndustryCodes()
    {
        var names = _data.Industry.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var code = names.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => p.k, StringComparer.Ordinal);
        return _panel.Symbols.Select(s => _data.Industry.TryGetValue(s, out var ind) ? code[ind] : -1).ToArray();
    }
}
