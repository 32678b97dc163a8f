using System.Text;

namespace AlphaSharp.Common;

/// <summary>
/// Writes a file under a hidden temporary name in the target's folder, then renames it over the target, so a reader
/// sees the old file or the whole new one, and a failed write leaves nothing behind.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string content) => Write(path, w => w.Write(content));

    /// <summary>Streams through <paramref name="write"/>; if it throws, the temporary file is removed and the target untouched.</summary>
    public static void Write(string path, Action<TextWriter> write) => Replace(path, WriteTemp(Path.GetFullPath(path), write));

    /// <summary>Writes <paramref name="content"/> (a checkpoint, an image) the same way.</summary>
    public static void WriteAllBytes(string path, byte[] content) =>
        Replace(path, WriteTempStream(Path.GetFullPath(path), s => s.Write(content)));

    private static void Replace(string path, string temp)
    {
        var full = Path.GetFullPath(path);
        try
        {
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new InputException($"{path}: cannot write ({e.Message}); nothing was written");
        }
    }

    /// <summary>Writes the content to a new hidden file beside <paramref name="path"/> and returns its name.</summary>
    internal static string WriteTemp(string path, Action<TextWriter> write) => WriteTempStream(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8, leaveOpen: true);
        writer.NewLine = "\n";
        write(writer);
    });

    private static string WriteTempStream(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? throw new InputException($"{path}: cannot write to the root of a file system");
        if (Directory.Exists(full)) throw new InputException($"{path}: is a directory; give a file name");
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{dir}: cannot create the output folder ({e.Message})");
        }
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new InputException($"{path}: cannot write ({e.Message}); nothing was written");
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        return temp;
    }

    internal static void TryDelete(string temp)
    {
        try
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        catch (IOException)
        {
            // Best effort: the hidden name marks it as debris and the target was never replaced.
        }
    }
}
