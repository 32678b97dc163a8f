using System.Runtime.InteropServices;

namespace AlphaSharp.Models.Datasets;

/// <summary>
/// Asks Linux to back a large pinned array with 2 MB pages (madvise MADV_HUGEPAGE, for kernels whose transparent huge
/// pages are set to madvise). A batch reads its windows at random from a cube of gigabytes, and with 4 KB pages
/// nearly every window also misses the TLB; a hint about the mapping, it changes no value, and where it is not
/// available (another OS, an old kernel, huge pages off) nothing happens.
/// </summary>
internal static partial class HugePages
{
    private const nint HugePage = 2 << 20;
    private const int MadvHugePage = 14;

    /// <summary>Call before the array is first written: pages are backed as they are first touched.</summary>
    public static unsafe void Advise(float[] pinned)
    {
        if (!OperatingSystem.IsLinux() || (long)pinned.Length * sizeof(float) < 4 * HugePage) return;
        fixed (float* data = pinned)
        {
            var start = ((nint)data + HugePage - 1) & ~(HugePage - 1);
            var end = (nint)(data + pinned.Length) & ~(HugePage - 1);
            try
            {
                _ = Madvise(start, (nuint)(end - start), MadvHugePage);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc madvise here: 4 KB pages, as without the hint.
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
