using BenchmarkDotNet.Attributes;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Transactions;
using Hemi.Grains.Hvm;

namespace Hemi.Benchmarks.Hvm;

/// <summary>
/// The hVM Bitcoin index's per-block cost against parsing the same block (which the chain grain does anyway): a block
/// of <see cref="Transactions"/> two-in/two-out transactions over 1,000 scripts, connected onto an index already holding
/// 20 such blocks, then disconnected; plus a 0x41-sized page (255 UTXOs) and a balance lookup.
/// Run: <c>dotnet run -c Release --project tests/Hemi.Benchmarks -- --filter '*HvmBitcoinIndex*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class HvmBitcoinIndexBenchmarks
{
    private const int Scripts = 1_000;

    private HvmBitcoinIndexSnapshot _base = null!;
    private HvmBitcoinIndexSnapshot _connected = null!;
    private Block _block = null!;
    private byte[] _rawBlock = null!;
    private uint _height;
    private byte[] _busyScript = null!;

    [Params(1_000)]
    public int Transactions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var scripts = Enumerable.Range(0, Scripts)
            .Select(i => (byte[])[0x00, 0x14, .. BitConverter.GetBytes(i), .. new byte[16]])
            .ToArray();
        _busyScript = scripts[0];
        var pool = new List<OutPoint>();
        var snapshot = HvmBitcoinIndexSnapshot.Empty(Network.Regtest);
        var parent = Hash256.Zero;
        var counter = 0;
        Block NextBlock()
        {
            var txs = new List<Transaction>
            {
                new(1, [new TxIn(OutPoint.Null, [.. BitConverter.GetBytes(counter++)], TxIn.FinalSequence)], [new TxOut(5_000_000_000, scripts[0])], 0),
            };
            for (var t = 0; t < Transactions; t++)
            {
                var inputs = new List<TxIn>();
                for (var i = 0; i < 2; i++)
                {
                    var prev = pool.Count > 0 ? pool[^1] : new OutPoint(Hash256.DoubleSha256(BitConverter.GetBytes(counter++)), 0);
                    if (pool.Count > 0)
                    {
                        pool.RemoveAt(pool.Count - 1);
                    }

                    inputs.Add(new TxIn(prev, new byte[107], TxIn.FinalSequence));
                }

                // Half the outputs pay the busy script so it holds thousands of UTXOs.
                txs.Add(new Transaction(2, inputs, [new TxOut(random.Next(1, 1_000_000), scripts[0]), new TxOut(random.Next(1, 1_000_000), scripts[random.Next(Scripts)])], (uint)counter++));
            }

            foreach (var tx in txs.Skip(1))
            {
                pool.Insert(0, new OutPoint(tx.GetTxId(), 1));
            }

            var block = new Block(new BlockHeader(1, parent, Hash256.DoubleSha256(BitConverter.GetBytes(counter++)), 0, 0x207fffff, 0), txs);
            parent = block.GetHash();
            return block;
        }

        for (var b = 0; b < 20; b++)
        {
            snapshot = snapshot.Connect(NextBlock(), (uint)b);
        }

        _base = snapshot;
        _height = 20;
        _block = NextBlock();
        _rawBlock = _block.ToBytes();
        _connected = _base.Connect(_block, _height);
    }

    [Benchmark(Baseline = true)]
    public Block ParseBlock() => Block.Parse(_rawBlock);

    [Benchmark]
    public HvmBitcoinIndexSnapshot ConnectBlock() => _base.Connect(_block, _height);

    [Benchmark]
    public HvmBitcoinIndexSnapshot DisconnectBlock() => _connected.Disconnect(_block.GetHash());

    [Benchmark]
    public int UtxoPageOf255() => _connected.GetUtxos(_busyScript, 1_000, 255).Count;

    [Benchmark]
    public ulong Balance() => _connected.GetBalance(_busyScript);
}
