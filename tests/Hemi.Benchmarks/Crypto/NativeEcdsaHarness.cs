using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Benchmarks.Crypto;

/// <summary>
/// Builds a deterministic batch of (public key, hash, compact signature) records, and measures the native baseline:
/// compiles native/ecdsa_verify_bench.c with <c>cc -O2 … -lsecp256k1</c> into a temp folder, runs it over the same
/// records and parses its verifications/second.
/// </summary>
public static class NativeEcdsaHarness
{
    public const int RecordCount = 256;
    private const int RecordSize = 33 + 32 + 64;

    /// <summary>Native verifications to time (override with HEMI_NATIVE_ECDSA_N).</summary>
    public static int NativeVerifications =>
        int.TryParse(Environment.GetEnvironmentVariable("HEMI_NATIVE_ECDSA_N"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 40_000;

    public sealed record Record(PublicKey Key, byte[] Hash, byte[] Signature);

    /// <summary>The same records in every process: keys and messages are derived from fixed labels.</summary>
    public static IReadOnlyList<Record> CreateRecords()
    {
        var records = new List<Record>(RecordCount);
        Span<byte> label = stackalloc byte[4];
        for (var i = 0; i < RecordCount; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(label, i);
            var secret = Sha256.Hash([.. "hemi-ecdsa-bench-key"u8, .. label]);
            while (!PrivateKey.IsValid(secret))
            {
                secret = Sha256.Hash(secret);
            }

            using var key = PrivateKey.FromBytes(secret);
            var hash = Sha256.Hash([.. "hemi-ecdsa-bench-msg"u8, .. label]);
            records.Add(new Record(key.PublicKey, hash, Ecdsa.SignCompact(key, hash)));
        }

        return records;
    }

    /// <summary>Verifications per second of wall time and per second of the measuring thread's CPU time.</summary>
    public readonly record struct Rates(double Wall, double Cpu);

    /// <summary>Runs the C baseline and parses its rates, or throws with the reason it could not run.</summary>
    public static Rates MeasureNative(IReadOnlyList<Record> records, int verifications)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hemi-ecdsa-native-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "records.bin");
            using (var file = File.Create(input))
            {
                foreach (var record in records)
                {
                    file.Write(record.Key.ToCompressed());
                    file.Write(record.Hash);
                    file.Write(record.Signature);
                }
            }

            var exe = Compile(folder);
            var output = Run(exe, [input, verifications.ToString(CultureInfo.InvariantCulture)], out var exitCode, out var error);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"native benchmark exited with {exitCode}: {error.Trim()}");
            }

            return new Rates(ReadField(output, "verifications_per_second"), ReadField(output, "verifications_per_cpu_second"));
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The binding's rates on the same records and count, timed after one warm-up pass.</summary>
    public static Rates MeasureBinding(IReadOnlyList<Record> records, int verifications)
    {
        foreach (var record in records)
        {
            _ = Ecdsa.VerifyCompact(record.Key, record.Hash, record.Signature);
        }

        var failures = 0;
        var cpuStart = ThreadCpuClock.Seconds();
        var stopwatch = Stopwatch.StartNew();
        for (var n = 0; n < verifications; n++)
        {
            var record = records[n % records.Count];
            failures += Ecdsa.VerifyCompact(record.Key, record.Hash, record.Signature) ? 0 : 1;
        }

        stopwatch.Stop();
        var cpuSeconds = ThreadCpuClock.Seconds() - cpuStart;
        if (failures != 0)
        {
            throw new InvalidOperationException($"{failures} benchmark signatures failed to verify");
        }

        return new Rates(verifications / stopwatch.Elapsed.TotalSeconds, verifications / cpuSeconds);
    }

    /// <summary>
    /// Alternates native and binding runs (swapping which goes first each round) and returns every round's rates;
    /// on a shared, noisy machine the median of paired rounds is steadier than comparing runs taken minutes apart.
    /// </summary>
    public static IReadOnlyList<(Rates Native, Rates Binding)> MeasurePaired(IReadOnlyList<Record> records, int verifications, int rounds)
    {
        var results = new List<(Rates, Rates)>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            Rates native, binding;
            if (i % 2 == 0)
            {
                native = MeasureNative(records, verifications);
                binding = MeasureBinding(records, verifications);
            }
            else
            {
                binding = MeasureBinding(records, verifications);
                native = MeasureNative(records, verifications);
            }

            results.Add((native, binding));
        }

        return results;
    }

    private static double ReadField(string output, string name)
    {
        var key = name + "=";
        var at = output.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"unexpected native output: {output.Trim()}");
        }

        var value = output.AsSpan(at + key.Length);
        var end = value.IndexOfAny(' ', '\n');
        return double.Parse(end < 0 ? value.Trim() : value[..end], CultureInfo.InvariantCulture);
    }

    private static string Compile(string folder)
    {
        var source = LocateSource();
        var exe = Path.Combine(folder, "ecdsa_verify_bench");

        // Prefer the dev symlink; fall back to the versioned runtime library (GNU ld's -l:name form).
        string? lastError = null;
        foreach (var library in new[] { "-lsecp256k1", "-l:libsecp256k1.so.1" })
        {
            _ = Run("cc", ["-O2", "-o", exe, source, library], out var exitCode, out var error);
            if (exitCode == 0)
            {
                return exe;
            }

            lastError = error;
        }

        throw new InvalidOperationException(
            $"cc could not build {source} (install libsecp256k1-dev; `make bench` does): {lastError?.Trim()}");
    }

    private static string LocateSource([CallerFilePath] string thisFile = "")
    {
        const string relative = "tests/Hemi.Benchmarks/native/ecdsa_verify_bench.c";
        var beside = Path.Combine(Path.GetDirectoryName(thisFile) ?? ".", "..", "native", "ecdsa_verify_bench.c");
        if (File.Exists(beside))
        {
            return Path.GetFullPath(beside);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found (run from the repository).");
    }

    private static string Run(string fileName, string[] arguments, out int exitCode, out string error)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        exitCode = process.ExitCode;
        error = stderr.GetAwaiter().GetResult();
        return stdout;
    }
}

/// <summary>CPU time consumed by the calling thread (Linux CLOCK_THREAD_CPUTIME_ID), the same clock the C program reads.</summary>
internal static unsafe partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static double Seconds()
    {
        TimeSpec ts;
        if (ClockGetTime(ClockThreadCpuTimeId, &ts) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return ts.Seconds + (ts.Nanoseconds / 1e9);
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, TimeSpec* time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
