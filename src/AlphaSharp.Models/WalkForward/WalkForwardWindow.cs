using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.WalkForward;

/// <summary>
/// One walk-forward window: its segments as the calendar months give them (<see cref="Segments"/>: train, valid when
/// there is one, test) and as resolved on the trading calendar with the label reach (<see cref="Spans"/>: the train
/// and valid spans purged so that no label reads a day of the span after them).
/// </summary>
public sealed record WalkForwardWindow(int Index, IReadOnlyList<Segment> Segments, IReadOnlyList<SegmentSpan> Spans)
{
    public SegmentSpan Train => Spans[0];
    public SegmentSpan? Valid => Spans.Count == 3 ? Spans[1] : null;
    public SegmentSpan Test => Spans[^1];

    /// <summary>The folder name of this window under a run's directory.</summary>
    public string FolderName => $"window-{Index}";
}
