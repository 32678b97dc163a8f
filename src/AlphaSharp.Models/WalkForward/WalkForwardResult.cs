using AlphaSharp.Data;

namespace AlphaSharp.Models.WalkForward;

/// <summary>How one window went: fitted now (with its report) or read back from a finished earlier run.</summary>
public sealed record WindowOutcome(WalkForwardWindow Window, bool Resumed, FitReport? Fit, string Directory);

/// <summary>
/// The stitched out-of-sample scores (date-major T x N on the dataset's calendar and instruments, NaN outside every
/// test block and for non-members; <c>new ScoreTable(market, Scores)</c> makes it a backtest's input) and the windows.
/// </summary>
public sealed record WalkForwardResult(PanelArray Scores, IReadOnlyList<WindowOutcome> Windows);
