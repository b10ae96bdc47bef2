using System;
using System.IO;

namespace Flash.Build;

/// <summary>
/// Writes a file only when its bytes change, so that a build producing the same content leaves the file and its
/// timestamp alone (and whatever depends on it stays incremental); and replaces it atomically, so that readers never
/// observe a half-written file.
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> unless the file already holds exactly those bytes;
    /// creates the directory when missing.
    /// </summary>
    /// <returns><see langword="true"/> when the file was created or replaced.</returns>
    public static bool WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && BytesEqual(File.ReadAllBytes(path), bytes))
        {
            return false;
        }

        var directory = Path.GetDirectoryName(path) ?? throw new IOException($"'{path}' has no parent directory.");
        Directory.CreateDirectory(directory);

        // Write the complete content beside the target first, so readers never observe a half-written file.
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (!File.Exists(path))
            {
                try
                {
                    File.Move(temp, path);
                    return true;
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Another writer created the file in between: fall through and replace it.
                }
            }

            try
            {
                // An atomic rename over the existing file (netstandard2.0 has no File.Move overwrite overload).
                File.Replace(temp, path, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // Some file systems (e.g. certain network shares) cannot replace; overwrite in place instead.
                File.Copy(temp, path, overwrite: true);
            }

            return true;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static bool BytesEqual(byte[] left, byte[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
