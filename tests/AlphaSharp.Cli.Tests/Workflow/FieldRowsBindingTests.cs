using AlphaSharp.Cli.Workflow;

namespace AlphaSharp.Cli.Tests.Workflow;

public class FieldRowsBindingTests
{
    [Fact]
    public void Alpha360sSequenceNetworksReadSixFieldsOfSixtyDaysAsQlibReshapesThem()
    {
        var spec = WorkflowBinder.Bind(Path.Combine(WorkflowBinderTests.ConfigsDir(), "qlib_benchmark_alpha360.yaml"));
        var lstm = (NetModelSpec)spec.Models.Single(m => m.Name == "lstm");
        Assert.True(lstm.Net.FieldRows);
        Assert.Equal((6, 60), (lstm.Net.Features, lstm.Net.Window));
        Assert.Equal(360, lstm.Columns.Count);
        var model = (AlphaSharp.Models.NeuralModel)lstm.Create(1);
        Assert.Equal(AlphaSharp.Models.Datasets.SampleShape.FieldSequence, model.Input.Shape);
    }

    [Fact]
    public void FieldRowsWhoseColumnsAreNotWholeFieldsOfTheWindowIsAProblemAtItsLine()
    {
        var text = File.ReadAllText(Path.Combine(WorkflowBinderTests.ConfigsDir(), "qlib_benchmark_alpha360.yaml"))
            .Replace("  lstm:\n    window: 60\n", "  lstm:\n    window: 7\n");
        var e = Assert.Throws<WorkflowException>(() => WorkflowBinder.BindText(text, "a360.yaml"));
        var problem = Assert.Single(e.Problems);
        Assert.Contains("models.lstm.field_rows", problem.ToString());
        Assert.Contains("360 columns are not a whole number of fields of window 7 days", problem.ToString());
    }
}
