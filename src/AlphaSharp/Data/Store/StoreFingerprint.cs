using System.Security.Cryptography;
using System.Text;

namespace AlphaSharp.Data;

/// <summary>
/// What identifies a store's contents: the SHA-256 over every file of its directory (sorted by relative name, each as
/// its name, its length and its bytes), so two runs on the same data say so and an edited store never passes for the
/// one a run used.
/// </summary>
public static class StoreFingerprint
{
    public static string Of(string directory)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var root = Path.GetFullPath(directory);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var buffer = new byte[1 << 20];
        foreach (var name in files)
        {
            using var stream = File.OpenRead(Path.Combine(root, name));
            sha.AppendData(Encoding.UTF8.GetBytes($"{name}\n{stream.Length}\n"));
            int read;
            while ((read = stream.Read(buffer)) > 0) sha.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
