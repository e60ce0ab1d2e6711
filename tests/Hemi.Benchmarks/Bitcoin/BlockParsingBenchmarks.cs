using BenchmarkDotNet.Attributes;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Testing;

namespace Hemi.Benchmarks.Bitcoin;

/// <summary>
/// Parsing the 3478-transaction testnet3 block 3802508 (and computing its merkle root), against double-SHA256
/// of the raw block bytes as the baseline.
/// </summary>
[MemoryDiagnoser]
public class BlockParsingBenchmarks
{
    private byte[] _raw = [];

    [GlobalSetup]
    public void Setup() =>
        _raw = Convert.FromHexString(TestVectors.ReadText("hemi/0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8.hex").Trim());

    [Benchmark(Baseline = true)]
    public Hash256 DoubleSha256OfRawBlock() => Hash256.DoubleSha256(_raw);

    [Benchmark]
    public int Parse() => Block.Parse(_raw).Transactions.Count;

    [Benchmark]
    public Hash256 ParseAndComputeMerkleRoot() => Block.Parse(_raw).ComputeMerkleRoot();
}
