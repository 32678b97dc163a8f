using System.Globalization;

namespace AlphaSharp.Factors.Expressions;

/// <summary>Splits an expression into tokens: numbers, names, <c>$fields</c>, parentheses, commas and operators.</summary>
internal static class Lexer
{
    private static readonly string[] Operators = ["**", ">=", "<=", "==", "!=", "+", "-", "*", "/", ">", "<", "&", "|"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var k = 0;
        while (k < text.Length)
        {
            var c = text[k];
            if (char.IsWhiteSpace(c)) { k++; continue; }
            var start = k;
            if (char.IsAsciiDigit(c) || (c == '.' && k + 1 < text.Length && char.IsAsciiDigit(text[k + 1])))
            {
                while (k < text.Length && (char.IsAsciiDigit(text[k]) || text[k] == '.')) k++;
                if (k < text.Length && (text[k] == 'e' || text[k] == 'E'))
                {
                    var save = k;
                    k++;
                    if (k < text.Length && (text[k] == '+' || text[k] == '-')) k++;
                    if (k < text.Length && char.IsAsciiDigit(text[k])) { while (k < text.Length && char.IsAsciiDigit(text[k])) k++; }
                    else k = save;
                }
                var s = text[start..k];
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    throw ExpressionException.At(text, start, $"'{s}' is not a number");
                tokens.Add(new Token(TokenKind.Number, s, start, value));
                continue;
            }
            if (c == '$')
            {
                k++;
                while (k < text.Length && IsNameChar(text[k])) k++;
                if (k == start + 1) throw ExpressionException.At(text, start, "'$' must be followed by a field name, e.g. $close");
                tokens.Add(new Token(TokenKind.Field, text[(start + 1)..k], start));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (k < text.Length && IsNameChar(text[k])) k++;
                tokens.Add(new Token(TokenKind.Identifier, text[start..k], start));
                continue;
            }
            if (c == '(') { tokens.Add(new Token(TokenKind.LParen, "(", k++)); continue; }
            if (c == ')') { tokens.Add(new Token(TokenKind.RParen, ")", k++)); continue; }
            if (c == ',') { tokens.Add(new Token(TokenKind.Comma, ",", k++)); continue; }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, k, o, 0, o.Length) == 0);
            if (op is null) throw ExpressionException.At(text, k, $"unexpected character '{c}'");
            tokens.Add(new Token(TokenKind.Operator, op, k));
            k += op.Length;
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
