namespace AlphaSharp.Common;

/// <summary>
/// A user-facing data error: its message is one line that says what is wrong, where (file:line, field or column)
/// and, where it helps, what to do. The CLI prints it as-is and exits non-zero.
/// </summary>
public class InputException(string message) : Exception(message);
