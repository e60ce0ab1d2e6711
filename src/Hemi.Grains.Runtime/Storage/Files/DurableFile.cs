using System.Runtime.InteropServices;

namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// Crash-safe file replacement: write a temp file in the destination folder, fsync it, rename it over (or,
/// for create-only, link it to) the final name, then fsync the folder so the rename itself is durable.
/// Temp files start with '.', which no encoded storage name does, so listings never see them.
/// </summary>
internal static partial class DurableFile
{
    public const string TempPrefix = ".tmp-";

    private const int EPERM = 1;
    private const int EEXIST = 17; // Linux, macOS and FreeBSD agree
    private const int ENOTSUP = 95; // Linux EOPNOTSUPP
    private const int EOPNOTSUPP_MACOS = 102;

    /// <summary>Creates <paramref name="directory"/> (and parents) if missing, fsyncing each new entry's parent.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        var parent = Path.GetDirectoryName(directory);
        if (parent is not null)
        {
            EnsureDirectory(parent);
        }

        Directory.CreateDirectory(directory);
        if (parent is not null)
        {
            FlushDirectory(parent); // make the new folder's own name durable
        }
    }

    /// <summary>Writes <paramref name="parts"/> to a new fsynced temp file in <paramref name="directory"/>.</summary>
    public static string WriteTemp(string directory, params ReadOnlySpan<ReadOnlyMemory<byte>> parts)
    {
        var path = Path.Combine(directory, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            foreach (var part in parts)
            {
                stream.Write(part.Span);
            }

            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(path);
            throw;
        }

        return path;
    }

    /// <summary>
    /// Moves <paramref name="tempPath"/> to <paramref name="destination"/> only if the destination does not
    /// exist, atomically: on POSIX a hard link (which fails with EEXIST, unlike rename), on Windows a
    /// non-replacing MoveFileEx. Returns <see langword="false"/>, and deletes the temp file, when the destination exists.
    /// </summary>
    public static bool TryMoveNoReplace(string tempPath, string destination)
    {
        try
        {
            bool created;
            if (OperatingSystem.IsWindows())
            {
                created = TryMoveWindows(tempPath, destination);
            }
            else
            {
                created = TryLink(tempPath, destination);
            }

            if (created)
            {
                FlushDirectory(Path.GetDirectoryName(destination)!);
            }

            return created;
        }
        finally
        {
            TryDelete(tempPath);
        }
    }

    private static bool TryMoveWindows(string tempPath, string destination)
    {
        try
        {
            File.Move(tempPath, destination, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(destination))
        {
            return false;
        }
    }

    // .NET's File.Move(overwrite: false) on Unix checks for the destination and then renames, which is racy;
    // link(2) is the atomic create-if-absent.
    private static bool TryLink(string tempPath, string destination)
    {
        int result;
        try
        {
            result = Link(tempPath, destination);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return TryCopyExclusive(tempPath, destination);
        }

        if (result == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == EEXIST)
        {
            return false;
        }

        if (errno is EPERM or ENOTSUP or EOPNOTSUPP_MACOS)
        {
            return TryCopyExclusive(tempPath, destination); // file system without hard links
        }

        throw new IOException($"link('{tempPath}', '{destination}') failed with errno {errno}.");
    }

    // Fallback: O_EXCL create of the final name; still exactly-one-creator, though not torn-write-proof.
    private static bool TryCopyExclusive(string tempPath, string destination)
    {
        FileStream target;
        try
        {
            target = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (IOException) when (File.Exists(destination))
        {
            return false;
        }

        using (target)
        using (var source = new FileStream(tempPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
        {
            source.CopyTo(target);
            target.Flush(flushToDisk: true);
        }

        return true;
    }

    /// <summary>Atomically replaces <paramref name="destination"/> with <paramref name="tempPath"/>.</summary>
    public static void MoveReplace(string tempPath, string destination)
    {
        try
        {
            File.Move(tempPath, destination, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }

        FlushDirectory(Path.GetDirectoryName(destination)!);
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Best-effort fsync of a folder (POSIX only: .NET cannot open a directory as a stream).</summary>
    public static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return; // NTFS journals the rename; there is no directory handle to flush
        }

        try
        {
            var fd = Open(directory, 0 /* O_RDONLY */);
            if (fd < 0)
            {
                return;
            }

            try
            {
                _ = Fsync(fd);
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to call: the file itself is already flushed.
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existingPath, string newPath);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
