using BenchmarkDotNet.Attributes;
using Hemi.Bitcoin.Blocks;
using Hemi.Crypto;
using Hemi.Protocol.Pop;
using Hemi.Testing;

namespace Hemi.Benchmarks.Protocol;

/// <summary>
/// Block parse + PoP scan of the real testnet3 block 3802508 (3448 PoP outputs), against parsing alone.
/// MB/s = raw block size / mean time.
/// </summary>
[MemoryDiagnoser]
public class PopScanBenchmarks
{
    private const string BlockFile = "hemi/0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8.hex";

    private byte[] _raw = [];

    [GlobalSetup]
    public void Setup()
    {
        _raw = Hex.Decode(TestVectors.ReadAllText(BlockFile).Trim());
        Console.WriteLine($"// block 3802508: {_raw.Length} bytes");
    }

    [Benchmark(Baseline = true)]
    public int ParseOnly() => Block.Parse(_raw).Transactions.Count;

    [Benchmark]
    public int ParseAndScan() => PopScanner.Scan(Block.Parse(_raw)).Count;
}
