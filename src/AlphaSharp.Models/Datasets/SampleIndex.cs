namespace AlphaSharp.Models.Datasets;

/// <summary>
/// The samples of a span: one (decision day, instrument) pair each, ordered by day then instrument. A pair is a sample
/// when the instrument is a universe member that day and, where a label is given, its label is a number (Qlib's
/// DropnaLabel). Membership decides the sample, never its window: the window of a sample is the instrument's last
/// L trading days whether or not it was a member on them (what it traded at was known on the decision day).
/// </summary>
public sealed class SampleIndex
{
    private SampleIndex(int[] days, int[] instruments)
    {
        Days = days;
        Instruments = instruments;
    }

    public int[] Days { get; }
    public int[] Instruments { get; }
    public int Count => Days.Length;

    /// <param name="members">Membership, instrument-major (<c>members[i * T + t]</c>); null: every instrument every day.</param>
    /// <param name="label">Label panel, instrument-major; null: no label filter (prediction).</param>
    /// <param name="dayStep">Every dayStep-th day of the span from its first (1: every day).</param>
    public static SampleIndex Build(SegmentSpan span, int instruments, int days, bool[]? members, float[]? label, int dayStep = 1)
    {
        if (dayStep < 1) throw new ArgumentException($"samples: day step {dayStep} is below 1");
        if (members is not null && members.Length != instruments * days)
            throw new ArgumentException($"samples: membership has {members.Length} cells, expected {instruments} x {days}");
        if (label is not null && label.Length != instruments * days)
            throw new ArgumentException($"samples: label has {label.Length} cells, expected {instruments} x {days}");
        if (span.First < 0 || span.Last >= days) throw new ArgumentException($"samples: span {span.First}..{span.Last} outside 0..{days - 1}");
        var dayList = new List<int>();
        var instrumentList = new List<int>();
        for (var t = span.First; t <= span.Last; t += dayStep)
            for (var i = 0; i < instruments; i++)
            {
                var cell = i * days + t;
                if (members is not null && !members[cell]) continue;
                if (label is not null && !float.IsFinite(label[cell])) continue;
                dayList.Add(t);
                instrumentList.Add(i);
            }
        return new SampleIndex(dayList.ToArray(), instrumentList.ToArray());
    }

    /// <summary>The samples at positions <paramref name="order"/> (a shuffle or a subset), in that order.</summary>
    public SampleIndex Select(ReadOnlySpan<int> order)
    {
        var days = new int[order.Length];
        var instruments = new int[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            days[k] = Days[order[k]];
            instruments[k] = Instruments[order[k]];
        }
        return new SampleIndex(days, instruments);
    }
}
