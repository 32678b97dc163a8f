using System.CommandLine;
using AlphaSharp.Data;
using Spectre.Console;

namespace AlphaSharp.Cli;

/// <summary>`alphasharp data info`: what a store holds: instruments, calendar, membership, and each field's coverage.</summary>
public static class DataInfoCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "Store directory (default: the shipped CSI 300 store)", HelpName = "DIR" };
        var cmd = new Command("info", "Show a store's instruments, trading days, index membership and the coverage of every field") { store };
        cmd.SetAction(parse => CliErrors.Guard(() =>
        {
            var (data, source) = CliStores.Load(parse.GetValue(store));
            Render(data, source, CliConsole.Out());
            return 0;
        }));
        return cmd;
    }

    internal static void Render(MarketData data, string source, IAnsiConsole console)
    {
        var panel = data.Panel;
        console.MarkupLine($"store          {Markup.Escape(source)}");
        console.MarkupLine($"instruments    {panel.N}");
        console.MarkupLine($"trading days   {panel.T} ({panel.Calendar.First:yyyy-MM-dd}..{panel.Calendar.Last:yyyy-MM-dd})");
        if (data.Universe is { } universe)
        {
            var perDay = Enumerable.Range(0, panel.T).Select(universe.CountOn).ToArray();
            // A symbol in the panel may still have no price at all (a listed Qlib instrument without a folder).
            var withData = universe.Symbols.Count(s => panel.TryIndexOf(s, out var i) && HasPrice(panel, i));
            var mask = universe.MaskFor(panel);
            var close = panel.HasField("close") ? panel.Field("close") : null;
            var tradedPerDay = new int[panel.T];
            if (close is not null)
                for (var i = 0; i < panel.N; i++)
                    for (var t = 0; t < panel.T; t++)
                        if (mask[i * panel.T + t] && !float.IsNaN(close[i * panel.T + t])) tradedPerDay[t]++;
            console.MarkupLine($"universe       {Markup.Escape(universe.Name)}: members per day min {perDay.Min()}, max {perDay.Max()}; " +
                $"{universe.Symbols.Count} members over the period, {withData} with price data, {universe.Symbols.Count - withData} without");
            if (close is not null)
                console.MarkupLine($"members with a price row per day: min {tradedPerDay.Min()}, max {tradedPerDay.Max()}");
        }
        else console.MarkupLine("universe       none (coverage below is over all instrument-days)");
        if (data.Benchmark is { } b)
            console.MarkupLine($"benchmark      {Markup.Escape(b.Symbol)}, {b.Close.Count(v => !float.IsNaN(v))} of {panel.T} days");
        if (data.Industry.Count > 0)
            console.MarkupLine($"industry       {data.Industry.Count} symbols, {data.Industry.Values.Distinct().Count()} industries " +
                $"(snapshot, not point-in-time); {panel.Symbols.Count(s => !data.Industry.ContainsKey(s))} instruments unmapped" +
                (data.Universe is { } members ? $", {members.Symbols.Count(s => !data.Industry.ContainsKey(s))} index members unmapped" : ""));

        var table = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("unit")
            .AddColumn(new TableColumn(data.Universe is null ? "coverage (instrument-days)" : "coverage (member-days)").RightAligned());
        foreach (var field in panel.FieldNames)
            table.AddRow(Markup.Escape(field), Markup.Escape(data.Units.GetValueOrDefault(field, "")),
                $"{FieldCoverage.Of(data, field) * 100:F2} %");
        console.Write(table);
        foreach (var line in data.Provenance) console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
    }

    /// <summary>At least one open, high, low or close value.</summary>
    internal static bool HasPrice(AlphaSharp.Data.Panel panel, int i)
    {
        foreach (var field in new[] { "open", "high", "low", "close" })
        {
            if (!panel.HasField(field)) continue;
            foreach (var v in panel.Series(field, i))
                if (!float.IsNaN(v)) return true;
        }
        return false;
    }
}
