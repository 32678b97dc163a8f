namespace AlphaSharp.Data;

/// <summary>A membership spell: the symbol is a member from <see cref="Start"/> to <see cref="End"/>, both inclusive.</summary>
public readonly record struct MembershipSpell(string Symbol, DateOnly Start, DateOnly End);

/// <summary>
/// Point-in-time index membership on a calendar. Members are kept even when the panel has no data for them
/// (the CSI 300 file names 36 such stocks): they count toward "300 members a day" but can never be traded.
/// Nothing here can tell today what tomorrow's membership is: queries take the date they are asked at.
/// </summary>
public sealed class Universe
{
    private readonly Calendar _calendar;
    private readonly string[] _symbols;
    private readonly Dictionary<string, int> _index;
    private readonly bool[] _member; // symbol-major: _member[s * T + t]

    public Universe(string name, Calendar calendar, IEnumerable<MembershipSpell> spells)
    {
        Name = name;
        _calendar = calendar;
        Spells = spells.ToArray();
        _symbols = Spells.Select(s => s.Symbol).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _index = _symbols.Select((s, k) => (s, k)).ToDictionary(p => p.s, p => p.k, StringComparer.Ordinal);
        var T = calendar.Count;
        _member = new bool[_symbols.Length * T];
        foreach (var spell in Spells)
        {
            var from = calendar.IndexOnOrAfter(spell.Start);
            var to = calendar.IndexOnOrBefore(spell.End);
            var row = _index[spell.Symbol] * T;
            for (var t = from; t <= to; t++) _member[row + t] = true;
        }
    }

    public string Name { get; }
    public IReadOnlyList<MembershipSpell> Spells { get; }
    public IReadOnlyList<string> Symbols => _symbols;

    public bool IsMember(string symbol, int t) =>
        _index.TryGetValue(symbol, out var s) && _member[s * _calendar.Count + t];

    /// <summary>Members on day t, in symbol order.</summary>
    public IEnumerable<string> MembersOn(int t)
    {
        var T = _calendar.Count;
        for (var s = 0; s < _symbols.Length; s++)
            if (_member[s * T + t]) yield return _symbols[s];
    }

    public int CountOn(int t)
    {
        var n = 0;
        var T = _calendar.Count;
        for (var s = 0; s < _symbols.Length; s++)
            if (_member[s * T + t]) n++;
        return n;
    }

    /// <summary>Membership as a panel-aligned mask, instrument-major like <see cref="Panel"/>: mask[i * T + t].</summary>
    public bool[] MaskFor(Panel panel)
    {
        var T = _calendar.Count;
        var mask = new bool[panel.N * T];
        for (var i = 0; i < panel.N; i++)
            if (_index.TryGetValue(panel.Symbols[i], out var s))
                Array.Copy(_member, s * T, mask, i * T, T);
        return mask;
    }
}
