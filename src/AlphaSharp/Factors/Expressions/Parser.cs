namespace AlphaSharp.Factors.Expressions;

/// <summary>
/// Recursive-descent parser with Python's precedence, since Qlib evaluates its expressions as Python: lowest first,
/// comparisons (&gt; &gt;= &lt; &lt;= == !=, not chained), |, &amp;, + -, * /, unary - +, ** (right-associative,
/// binding tighter than a unary minus on its left, as in Python). Infix operators become the calls Qlib maps them to
/// (Add, Sub, Mul, Div, Power, Gt, Ge, Lt, Le, Eq, Ne, And, Or).
/// </summary>
internal sealed class Parser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _pos;

    private Parser(string text)
    {
        _text = text;
        _tokens = Lexer.Tokenize(text);
    }

    public static Syntax Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw ExpressionException.At(text, 0, "empty expression");
        var p = new Parser(text);
        var e = p.Comparison();
        var end = p.Peek;
        if (end.Kind == TokenKind.RParen) throw p.Error(end, "')' has no matching '('");
        if (end.Kind != TokenKind.End) throw p.Error(end, $"unexpected '{end.Text}' after a complete expression");
        return e;
    }

    private Token Peek => _tokens[_pos];
    private Token Next() => _tokens[_pos++];
    private bool IsOp(params string[] ops) => Peek.Kind == TokenKind.Operator && ops.Contains(Peek.Text);

    private ExpressionException Error(Token at, string message) => ExpressionException.At(_text, at.Offset, message);

    private static readonly Dictionary<string, string> Infix = new()
    {
        [">"] = "Gt", [">="] = "Ge", ["<"] = "Lt", ["<="] = "Le", ["=="] = "Eq", ["!="] = "Ne",
        ["|"] = "Or", ["&"] = "And", ["+"] = "Add", ["-"] = "Sub", ["*"] = "Mul", ["/"] = "Div", ["**"] = "Power",
    };

    private Syntax Comparison()
    {
        var left = OrExpr();
        if (!IsOp(">", ">=", "<", "<=", "==", "!=")) return left;
        var op = Next();
        var right = OrExpr();
        if (IsOp(">", ">=", "<", "<=", "==", "!="))
            throw Error(Peek, $"chained comparison '{op.Text} ... {Peek.Text}'; add parentheses and combine with & or |");
        return new CallSyntax(Infix[op.Text], [left, right], op.Offset, Infix: true);
    }

    private Syntax OrExpr() => LeftAssociative(AndExpr, "|");
    private Syntax AndExpr() => LeftAssociative(Additive, "&");
    private Syntax Additive() => LeftAssociative(Multiplicative, "+", "-");
    private Syntax Multiplicative() => LeftAssociative(UnaryExpr, "*", "/");

    private Syntax LeftAssociative(Func<Syntax> operand, params string[] ops)
    {
        var left = operand();
        while (IsOp(ops))
        {
            var op = Next();
            var right = operand();
            left = new CallSyntax(Infix[op.Text], [left, right], op.Offset, Infix: true);
        }
        return left;
    }

    private Syntax UnaryExpr()
    {
        if (IsOp("-"))
        {
            var op = Next();
            var operand = UnaryExpr();
            return operand is NumberSyntax n ? n with { Value = -n.Value, Offset = op.Offset } : new CallSyntax("Neg", [operand], op.Offset, Infix: true);
        }
        if (IsOp("+")) { Next(); return UnaryExpr(); }
        return PowerExpr();
    }

    private Syntax PowerExpr()
    {
        var left = Primary();
        if (!IsOp("**")) return left;
        var op = Next();
        var right = UnaryExpr();
        return new CallSyntax("Power", [left, right], op.Offset, Infix: true);
    }

    private Syntax Primary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Number:
                return new NumberSyntax(t.Number, t.Offset);
            case TokenKind.Field:
                return new FieldSyntax(t.Text, t.Offset);
            case TokenKind.LParen:
            {
                var inner = Comparison();
                if (Peek.Kind != TokenKind.RParen)
                    throw Peek.Kind == TokenKind.End ? Error(t, "'(' is never closed") : Error(Peek, $"expected ')' to close the '(' at column {t.Offset + 1}, found '{Peek.Text}'");
                Next();
                return inner;
            }
            case TokenKind.Identifier:
            {
                if (Peek.Kind != TokenKind.LParen)
                    throw Error(t, $"'{t.Text}' is not a field or a call; fields start with '$' (${t.Text}), operators take arguments ({t.Text}(...))");
                var open = Next();
                var args = new List<Syntax>();
                if (Peek.Kind != TokenKind.RParen)
                {
                    while (true)
                    {
                        if (Peek.Kind == TokenKind.End) throw Error(open, $"'(' of {t.Text} is never closed");
                        args.Add(Comparison());
                        if (Peek.Kind == TokenKind.Comma) { Next(); continue; }
                        if (Peek.Kind == TokenKind.RParen) break;
                        throw Peek.Kind == TokenKind.End
                            ? Error(open, $"'(' of {t.Text} is never closed")
                            : Error(Peek, $"expected ',' or ')' in the arguments of {t.Text}, found '{Peek.Text}'");
                    }
                }
                Next();
                return new CallSyntax(t.Text, args, t.Offset);
            }
            case TokenKind.RParen:
                throw Error(t, "')' has no matching '('");
            case TokenKind.End:
                throw Error(t, "expression ends where an operand was expected");
            default:
                throw Error(t, $"unexpected '{t.Text}' where an operand was expected");
        }
    }
}
