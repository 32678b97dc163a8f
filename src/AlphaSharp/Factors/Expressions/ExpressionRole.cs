namespace AlphaSharp.Factors.Expressions;

/// <summary>
/// What an expression is for. Only a label may read the future (a negative Ref or Delta): it is the forward return a
/// model learns, never an input to a decision.
/// </summary>
public enum ExpressionRole { Feature, Label }
