
namespace AlphaSharp.Common;

/// <summary>
/// Several files that appear together or not at all: each is written under a hidden temporary name as it is added,
/// and <see cref="Commit"/> renames them all into place. Disposed without a commit, the temporaries are removed, so a
/// failure part-way through leaves none of the set behind (and no earlier version is replaced).
/// </summary>
public sealed class AtomicFileSet : IDisposable
{
    private readonly List<(string Temp, string Target)> _staged = [];
    private bool _committed;

    /// <summary>Writes one file of the set to its temporary name.</summary>
    public void Add(string path, Action<TextWriter> write)
    {
        if (_committed) throw new InvalidOperationException("the file set is already committed");
        var full = Path.GetFullPath(path);
        if (_staged.Any(s => s.Target == full)) throw new ArgumentException($"{path}: added twice to one file set");
        _staged.Add((AtomicFile.WriteTemp(full, write), full));
    }

    public void AddText(string path, string content) => Add(path, w => w.Write(content));

    public void Commit()
    {
        if (_committed) return;
        foreach (var (temp, target) in _staged)
        {
            try
            {
                File.Move(temp, target, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"{target}: cannot move into place ({e.Message})");
            }
        }
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        foreach (var (temp, _) in _staged) AtomicFile.TryDelete(temp);
    }
}
