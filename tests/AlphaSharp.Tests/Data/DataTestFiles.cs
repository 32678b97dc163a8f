using System.IO.Compression;
using System.Text;

namespace AlphaSharp.Tests.Data;

/// <summary>Small input files written to a fresh temporary directory per test, removed on dispose.</summary>
internal sealed class DataTestFiles : IDisposable
{
    public DataTestFiles()
    {
        Dir = Path.Combine(Path.GetTempPath(), "alphasharp-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    public string Text(string name, string content)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public string Gzip(string name, string content)
    {
        var path = Path.Combine(Dir, name);
        using var fs = File.Create(path);
        using var gz = new GZipStream(fs, CompressionLevel.Optimal);
        gz.Write(Encoding.UTF8.GetBytes(content));
        return path;
    }

    /// <summary>Everything in the test directory, relative, so a test can assert nothing was left behind.</summary>
    public string[] Entries() =>
        Directory.EnumerateFileSystemEntries(Dir, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Dir, p)).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
