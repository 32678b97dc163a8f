using AlphaSharp.Common;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// One thing wrong with a workflow: where it was written (<c>FILE:LINE</c>, or the <c>--set</c> that wrote it), the
/// dotted key it is about and what is expected there. It prints as the one line a user acts on.
/// </summary>
public sealed record WorkflowProblem(string Where, string Key, string Message)
{
    public override string ToString() => $"{Where}: {Key}: {Message}";
}

/// <summary>A workflow that cannot run: every problem the binder found, one line each, in file order.</summary>
public sealed class WorkflowException(IReadOnlyList<WorkflowProblem> problems)
    : InputException(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<WorkflowProblem> Problems { get; } = problems;
}
