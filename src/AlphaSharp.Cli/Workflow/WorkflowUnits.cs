using AlphaSharp.Runs;

namespace AlphaSharp.Cli.Workflow;

/// <summary>One unit of a workflow: a model fitted with one seed (over every walk-forward window when the workflow has them).</summary>
public sealed record WorkflowUnit(RunUnit Unit, ModelSpec Model, ulong Seed);

/// <summary>
/// A workflow's units in their stable order: models by name (the canonical document's order), then seeds as listed (the model's own where it gives them).
/// OLS has no randomness, so a linear model is one unit whatever the seeds. The index depends on the resolved
/// configuration alone, so every shard of a run numbers the units the same way.
/// </summary>
public static class WorkflowUnits
{
    public static IReadOnlyList<WorkflowUnit> Of(WorkflowSpec spec)
    {
        var units = new List<WorkflowUnit>();
        foreach (var model in spec.Models)
        {
            var seeds = model.Seeds ?? spec.Seeds;
            if (model is LinearModelSpec) seeds = seeds.Take(1).ToArray();
            foreach (var seed in seeds)
                units.Add(new WorkflowUnit(new RunUnit(units.Count, $"{model.Name}-seed{seed}"), model, seed));
        }
        return units;
    }
}
