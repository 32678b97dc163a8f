using System.Text.Json.Serialization;
using AlphaSharp.Common;

namespace AlphaSharp.Models.WalkForward;

/// <summary>How each walk-forward window's training span moves (<c>window</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingWindow>))]
public enum TrainingWindow
{
    /// <summary>Every window starts where the first one did (<c>train_months</c> before the first test day) and grows.</summary>
    Expanding,
    /// <summary>Every window is the <c>train_months</c> before its test block.</summary>
    Rolling,
}

/// <summary>
/// A walk-forward study: test days <c>start</c>..<c>end</c> cut into blocks of <c>retrain_months</c>; before each
/// block a training window of <c>train_months</c> (the first window's length when expanding, every window's when
/// rolling) whose last <c>valid_months</c> are the validation span (0: none, a model fits without one).
/// </summary>
public sealed record WalkForwardOptions
{
    public required DateOnly Start { get; init; }
    public required DateOnly End { get; init; }
    public int RetrainMonths { get; init; } = 3;
    public TrainingWindow Window { get; init; } = TrainingWindow.Expanding;
    public int TrainMonths { get; init; } = 36;
    public int ValidMonths { get; init; } = 6;

    public void Validate()
    {
        if (Start > End)
            throw new SettingException($"{new SettingName("start")} {Start:yyyy-MM-dd} is after {new SettingName("end")} {End:yyyy-MM-dd}");
        if (RetrainMonths < 1)
            throw new SettingException($"{new SettingName("retrain_months")} {RetrainMonths}: must be at least 1 month");
        if (ValidMonths < 0)
            throw new SettingException($"{new SettingName("valid_months")} {ValidMonths}: must be 0 (no validation) or more months");
        if (TrainMonths <= ValidMonths)
            throw new SettingException($"{new SettingName("train_months")} {TrainMonths}: must be more than {new SettingName("valid_months")} {ValidMonths}, which are taken from its end");
        if (!Enum.IsDefined(Window))
            throw new SettingException($"{new SettingName("window")} {Window}: must be expanding or rolling");
    }
}
