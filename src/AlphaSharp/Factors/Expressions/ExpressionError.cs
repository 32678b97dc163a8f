using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Factors.Expressions;

/// <summary>
/// Errors in an expression: one line, <c>expression:LINE:COLUMN: message</c>, the column (1-based) pointing at the
/// offending character, so a user can find it in a long formula.
/// </summary>
public sealed class ExpressionException(string source, int line, int column, string message)
    : InputException($"{source}:{line}:{column}: {message}")
{
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Detail { get; } = message;

    /// <summary>Builds the error for a 0-based character offset in <paramref name="text"/>.</summary>
    public static ExpressionException At(string text, int offset, string message, string source = "expression")
    {
        var line = 1;
        var lineStart = 0;
        for (var k = 0; k < Math.Min(offset, text.Length); k++)
            if (text[k] == '\n') { line++; lineStart = k + 1; }
        return new ExpressionException(source, line, offset - lineStart + 1, message);
    }
}
