namespace AlphaSharp.Common;

/// <summary>
/// An output directory built under a hidden temporary name beside its target and renamed into place by
/// <see cref="Commit"/>; disposed without a commit, it removes itself, so a failed export leaves nothing behind.
/// </summary>
public sealed class StagedDirectory : IDisposable
{
    private readonly string _target;
    private bool _committed;

    public StagedDirectory(string target)
    {
        _target = System.IO.Path.GetFullPath(target);
        if (Directory.Exists(_target) || File.Exists(_target))
            throw new InputException($"{target}: already exists; choose a new output directory (nothing was overwritten)");
        var parent = System.IO.Path.GetDirectoryName(_target.TrimEnd(System.IO.Path.DirectorySeparatorChar))
                     ?? throw new InputException($"{target}: cannot write to the root of a file system");
        Directory.CreateDirectory(parent);
        Path = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(_target)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The temporary directory to write into.</summary>
    public string Path { get; }

    public void Commit()
    {
        if (Directory.Exists(_target) || File.Exists(_target))
            throw new InputException($"{_target}: appeared while the export was running; nothing was overwritten");
        Directory.Move(Path, _target);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed || !Directory.Exists(Path)) return;
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the hidden name marks it as debris, and the real target was never created.
        }
    }
}
