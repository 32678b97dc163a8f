namespace AlphaSharp.Factors.Expressions;

/// <summary>The parsed form of an expression, before names are bound; every node remembers where it starts.</summary>
internal abstract record Syntax(int Offset);

internal sealed record NumberSyntax(double Value, int Offset) : Syntax(Offset);

internal sealed record FieldSyntax(string Name, int Offset) : Syntax(Offset);

/// <summary>An operator call <c>Name(args)</c>; infix and prefix operators are calls too (Add, Sub, Neg, Gt, ...).</summary>
internal sealed record CallSyntax(string Name, IReadOnlyList<Syntax> Args, int Offset, bool Infix = false) : Syntax(Offset);
