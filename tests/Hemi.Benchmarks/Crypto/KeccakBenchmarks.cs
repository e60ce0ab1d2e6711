using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Hemi.Crypto;

namespace Hemi.Benchmarks.Crypto;

/// <summary>
/// Managed Keccak-256 against the platform's SHA3-256 (OpenSSL) on identical inputs. Same sponge and rate, different
/// padding byte, so the ratio measures our permutation against native code. Target: Keccak/SHA3 time ratio ≤ 2
/// (throughput ≥ 0.5 of SHA3).
/// </summary>
[MemoryDiagnoser]
public class KeccakBenchmarks
{
    private readonly byte[] _digest = new byte[32];
    private byte[] _data = [];

    [Params(32, 1024, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(42).NextBytes(_data);
        if (!SHA3_256.IsSupported)
        {
            throw new PlatformNotSupportedException("SHA3-256 is not available from the platform crypto library; no baseline.");
        }
    }

    [Benchmark(Baseline = true)]
    public int Sha3_256()
    {
        SHA3_256.HashData(_data, _digest);
        return _digest[0];
    }

    [Benchmark]
    public int Keccak256()
    {
        Hemi.Crypto.Keccak256.Hash(_data, _digest);
        return _digest[0];
    }
}
