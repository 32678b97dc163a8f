using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Tests.Training;

public class ProgressTextTests
{
    [Fact]
    public void TheBarShowsTheEpochsShareOfBatchesTheLossTheLastValidationAndTheSpeed()
    {
        var p = new TrainingProgress(3, 10, 50, 200, 0.98126, 41230.4, 1.004, 0.04119);
        Assert.Equal("lstm seed 1 epoch 3/10 [#####...............] 25% loss 0.9813 valid loss 1.0040 IC 0.0412 41,230 samples/s",
            ProgressText.Of("lstm seed 1", p));
    }

    [Fact]
    public void TheFirstEpochSaysItIsNotValidatedYet()
    {
        var p = new TrainingProgress(1, 4, 7, 7, 1.5, 999.6, null, null);
        Assert.Equal("mlp epoch 1/4 [####################] 100% loss 1.5000 (not validated yet) 1,000 samples/s", ProgressText.Of("mlp", p));
    }
}
