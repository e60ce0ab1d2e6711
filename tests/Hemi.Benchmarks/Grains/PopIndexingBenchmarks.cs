using BenchmarkDotNet.Attributes;
using Hemi.Bitcoin.Blocks;
using Hemi.Crypto;
using Hemi.Grains.Indexing;
using Hemi.Testing;

namespace Hemi.Benchmarks.Grains;

/// <summary>
/// PoP indexing of the real testnet3 block 3802508 (3448 publications) by the chain grain's indexer, against
/// parsing the block alone. PoP outputs per second = 3448 / mean time of <see cref="ParseAndIndex"/>.
/// </summary>
[MemoryDiagnoser]
public class PopIndexingBenchmarks
{
    private const string BlockFile = "hemi/0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8.hex";

    private byte[] _raw = [];

    [GlobalSetup]
    public void Setup() => _raw = Hex.Decode(TestVectors.ReadAllText(BlockFile).Trim());

    [Benchmark(Baseline = true)]
    public int ParseOnly() => Block.Parse(_raw).Transactions.Count;

    [Benchmark]
    public int ParseAndIndex()
    {
        var indexer = new PopIndexer();
        indexer.ConnectBlock(Block.Parse(_raw), 3802508);
        return indexer.PublicationCount;
    }
}
