using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Cli;

/// <summary>
/// Every command action runs through <see cref="Guard"/>: a user or data mistake ends in one line on stderr
/// (no stack trace) and exit code 2; an unexpected fault ends in one line naming it and exit code 70.
/// </summary>
public static class CliErrors
{
    public const int UserError = 2;
    public const int InternalError = 70;

    public static int Guard(Func<int> action) => Guard(action, e => e.Message);

    /// <summary>As <see cref="Guard(Func{int})"/>, with a setting error naming the command's flag for each setting (see <see cref="SettingFlags"/>).</summary>
    public static int Guard(Func<int> action, SettingFlags flags) => Guard(action, flags.Describe);

    private static int Guard(Func<int> action, Func<SettingException, string> describe)
    {
        try
        {
            return action();
        }
        catch (SettingException e)
        {
            Console.Error.WriteLine($"error: {describe(e)}");
            return UserError;
        }
        catch (InputException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UserError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UserError;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message} (please report it)");
            return InternalError;
        }
    }
}
