using System.Globalization;

namespace AlphaSharp.Models.Training;

/// <summary>
/// The one-line progress bar of a fit: where it is (epoch, batch and a bar of the epoch's batches), the running
/// training loss, the last validated epoch's figures and the samples per second, so every front end shows the same.
/// </summary>
public static class ProgressText
{
    public const int BarWidth = 20;

    /// <example><c>lstm seed 1 epoch 3/10 [#####...............] 25% loss 0.9812 valid loss 1.0040 IC 0.0412 41,230 samples/s</c></example>
    public static string Of(string what, TrainingProgress p)
    {
        var fraction = p.Batches > 0 ? Math.Clamp((double)p.Batch / p.Batches, 0, 1) : 0;
        var filled = (int)Math.Floor(fraction * BarWidth);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{what} epoch {p.Epoch}/{p.Epochs} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction * 100:F0}% loss {p.TrainLoss:F4}");
        text += p.ValidLoss is { } loss && p.ValidIc is { } ic
            ? string.Create(CultureInfo.InvariantCulture, $" valid loss {loss:F4} IC {ic:F4}")
            : " (not validated yet)";
        return text + string.Create(CultureInfo.InvariantCulture, $" {p.SamplesPerSecond:N0} samples/s");
    }
}
