using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Models.Datasets;

/// <summary>A named span of decision days, as a workflow writes it (train, valid, test).</summary>
public sealed record Segment(string Name, DateOnly Start, DateOnly End);

/// <summary>
/// A segment on the calendar: decision days <see cref="First"/>..<see cref="Last"/> (inclusive indices).
/// <see cref="Purged"/> counts the days cut from its end so that no label of it reaches into the next segment.
/// </summary>
public sealed record SegmentSpan(string Name, int First, int Last, int Purged)
{
    public int Days => Last - First + 1;
    public bool Contains(int t) => t >= First && t <= Last;
}

/// <summary>
/// Resolves segments on a calendar. They must be in time order without overlap, and a label computed at day t reads
/// prices up to t + <c>labelReach</c> (Qlib's <c>Ref($close,-2)/Ref($close,-1)-1</c> reaches 2 days): every segment
/// before another loses the last days whose labels would read the next one's days, so a model chosen on the
/// validation span never trained on a price inside it.
/// </summary>
public static class Segments
{
    public static IReadOnlyList<SegmentSpan> Resolve(Calendar calendar, IReadOnlyList<Segment> segments, int labelReach)
    {
        if (labelReach < 0) throw new ArgumentOutOfRangeException(nameof(labelReach), $"label reach must be 0 or more days, got {labelReach}");
        if (segments.Count == 0) throw new InputException("segments: none given; name at least a train segment");
        var spans = new List<(string Name, int First, int Last)>();
        foreach (var s in segments)
        {
            if (s.Start > s.End)
                throw new InputException($"segments: {s.Name}: start {s.Start:yyyy-MM-dd} is after its end {s.End:yyyy-MM-dd}");
            int first = calendar.IndexOnOrAfter(s.Start), last = calendar.IndexOnOrBefore(s.End);
            if (first > last)
                throw new InputException($"segments: {s.Name}: {s.Start:yyyy-MM-dd}..{s.End:yyyy-MM-dd} holds no trading day of the data ({calendar.First:yyyy-MM-dd}..{calendar.Last:yyyy-MM-dd})");
            spans.Add((s.Name, first, last));
        }
        var duplicate = segments.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InputException($"segments: '{duplicate.Key}' is named twice");
        var result = new SegmentSpan[spans.Count];
        for (var k = 0; k < spans.Count; k++)
        {
            var (name, first, last) = spans[k];
            var purged = 0;
            if (k + 1 < spans.Count)
            {
                var next = spans[k + 1];
                if (next.First <= last)
                    throw new InputException($"segments: {next.Name} starts on {calendar[next.First]:yyyy-MM-dd}, inside {name} (to {calendar[last]:yyyy-MM-dd}); segments must follow each other in time");
                var allowedLast = next.First - labelReach - 1;
                if (allowedLast < first)
                    throw new InputException($"segments: {name} is too short: its labels reach {labelReach} days ahead into {next.Name}, which leaves it no day");
                if (allowedLast < last)
                {
                    purged = last - allowedLast;
                    last = allowedLast;
                }
            }
            result[k] = new SegmentSpan(name, first, last, purged);
        }
        return result;
    }
}
