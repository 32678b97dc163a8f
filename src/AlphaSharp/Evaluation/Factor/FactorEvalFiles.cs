using System.Globalization;
using AlphaSharp.Common;
using AlphaSharp.Data;
using Calendar = AlphaSharp.Data.Calendar;

namespace AlphaSharp.Evaluation.Factor;

/// <summary>
/// The CSV files of `factor eval`: ic.csv (<c>date,horizon,ic,rank_ic,count,coverage</c>, one row per evaluated date and
/// horizon), layers.csv (<c>date,layer,return,excess,count</c> with layer "universe" and "long_short" rows too) and
/// factor.csv (<c>date,symbol,value</c>, universe members only, empty value = missing).
/// </summary>
public static class FactorEvalFiles
{
    public static void WriteIc(TextWriter w, Calendar calendar, FactorEvalResult r)
    {
        w.WriteLine("date,horizon,ic,rank_ic,count,coverage");
        for (var t = r.From; t <= r.To; t++)
            foreach (var h in r.Horizons)
            {
                var s = h.Series;
                w.Write(CsvTable.Date(calendar[t])); w.Write(',');
                w.Write(s.Horizon.ToString(CultureInfo.InvariantCulture)); w.Write(',');
                w.Write(CsvTable.Number(s.Ic[t])); w.Write(',');
                w.Write(CsvTable.Number(s.RankIc[t])); w.Write(',');
                w.Write(s.Count[t].ToString(CultureInfo.InvariantCulture)); w.Write(',');
                w.WriteLine(CsvTable.Number(s.Coverage[t]));
            }
    }

    public static void WriteLayers(TextWriter w, Calendar calendar, LayerResult l)
    {
        w.WriteLine("date,layer,return,excess,count");
        for (var k = 0; k < l.Dates.Length; k++)
        {
            var date = CsvTable.Date(calendar[l.Dates[k]]);
            for (var q = 0; q < l.Layers; q++)
                w.WriteLine($"{date},{q + 1},{CsvTable.Number(l.Returns[q][k])},{CsvTable.Number(l.Returns[q][k] - l.Universe[k])},{l.Counts[q][k]}");
            w.WriteLine($"{date},universe,{CsvTable.Number(l.Universe[k])},0,{l.Counts.Sum(c => c[k])}");
            w.WriteLine($"{date},long_short,{CsvTable.Number(l.LongShort[k])},,");
        }
    }

    public static void WriteFactor(TextWriter w, MarketData data, float[] factor, int from, int to)
    {
        var panel = data.Panel;
        var T = panel.T;
        var members = data.Universe?.MaskFor(panel);
        w.WriteLine("date,symbol,value");
        for (var t = from; t <= to; t++)
        {
            var date = CsvTable.Date(panel.Calendar[t]);
            for (var i = 0; i < panel.N; i++)
            {
                var at = i * T + t;
                if (members is not null && !members[at]) continue;
                var v = factor[at];
                w.Write(date); w.Write(','); w.Write(panel.Symbols[i]); w.Write(',');
                w.WriteLine(float.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "");
            }
        }
    }
}
