namespace AlphaSharp.Factors.Expressions;

internal enum TokenKind { Number, Identifier, Field, LParen, RParen, Comma, Operator, End }

/// <summary>One lexical token and where it starts (0-based offset into the expression text).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Offset, double Number = 0);
