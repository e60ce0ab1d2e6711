using BenchmarkDotNet.Attributes;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Chain;
using Hemi.Testing;

namespace Hemi.Benchmarks.Bitcoin;

/// <summary>
/// Full contextual validation of mainnet headers 1..32260 into a fresh <see cref="HeaderTree"/>, against the bare
/// double-SHA256 of the same 32,260 × 80 bytes (the unavoidable cost of validating them).
/// </summary>
[MemoryDiagnoser]
public class HeaderChainValidationBenchmarks
{
    private byte[] _headers = [];
    private TimeProvider _clock = TimeProvider.System;

    [GlobalSetup]
    public void Setup()
    {
        var file = TestVectors.ReadAllBytes("hemi/mainnet_headers.bin");
        _headers = file[4..];
        // Fixed clock a day after the last header so the future-time rule is deterministic.
        _clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1_300_000_000));
    }

    [Benchmark(Baseline = true)]
    public Hash256 DoubleSha256Only()
    {
        var acc = Hash256.Zero;
        for (var offset = 0; offset < _headers.Length; offset += 80)
        {
            var h = Hash256.DoubleSha256(_headers.AsSpan(offset, 80));
            if (h < acc || acc.IsZero)
            {
                acc = h;
            }
        }

        return acc;
    }

    [Benchmark]
    public int ValidateIntoFreshTree()
    {
        var tree = new HeaderTree(Network.Mainnet, _clock, initialCapacity: 32_768);
        tree.AddHeaders(_headers);
        return tree.Height;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
