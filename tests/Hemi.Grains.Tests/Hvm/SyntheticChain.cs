using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Grains.Tests.Hvm;

/// <summary>
/// Random but reproducible chains for the index's property tests: coinbases and spends over a small pool of scripts
/// (so balances aggregate), spends within a block, OP_RETURN outputs, spends of outpoints never created, and now and
/// then a coinbase repeated verbatim (a duplicate txid, as pre-BIP34 mainnet had).
/// </summary>
internal sealed class SyntheticChain
{
    public static readonly byte[][] Scripts =
    [
        .. Enumerable.Range(0, 5).Select(i => (byte[])[0x76, 0xa9, 0x14, .. Enumerable.Repeat((byte)(i + 1), 20), 0x88, 0xac]),
        [0x00, 0x14, .. Enumerable.Repeat((byte)0xee, 20)],
    ];

    public static readonly byte[] OpReturn = [0x6a, 0x04, 0xde, 0xad, 0xbe, 0xef];

    private readonly Random _random;
    private readonly List<OutPoint> _pool;
    private readonly List<Transaction> _coinbases;
    private int _counter;

    private SyntheticChain(Random random, List<OutPoint> pool, List<Transaction> coinbases, int counter)
    {
        _random = random;
        _pool = pool;
        _coinbases = coinbases;
        _counter = counter;
    }

    public static SyntheticChain Create(int seed) => new(new Random(seed), [], [], 0);

    /// <summary>A generator that continues from where this one is, with its own randomness (for forks).</summary>
    public SyntheticChain Fork(int seed) => new(new Random(seed), [.. _pool], [.. _coinbases], _counter + 1_000_000);

    /// <summary><paramref name="count"/> blocks on top of <paramref name="parent"/>.</summary>
    public List<Block> Extend(Hash256 parent, int count)
    {
        var blocks = new List<Block>();
        for (var b = 0; b < count; b++)
        {
            var transactions = new List<Transaction> { Coinbase() };
            var spends = _random.Next(0, 5);
            for (var s = 0; s < spends; s++)
            {
                transactions.Add(Spend());
            }

            foreach (var tx in transactions)
            {
                for (var vout = 0; vout < tx.Outputs.Count; vout++)
                {
                    _pool.Add(new OutPoint(tx.GetTxId(), (uint)vout));
                }
            }

            var header = new BlockHeader(0x20000000, parent, Hash256.DoubleSha256(BitConverter.GetBytes(_counter++)), (uint)(1_700_000_000 + _counter), 0x207fffff, (uint)_counter);
            var block = new Block(header, transactions);
            blocks.Add(block);
            parent = block.GetHash();
        }

        return blocks;
    }

    private Transaction Coinbase()
    {
        if (_coinbases.Count > 0 && _random.Next(10) == 0)
        {
            return _coinbases[_random.Next(_coinbases.Count)];
        }

        var tag = BitConverter.GetBytes(_counter++);
        var coinbase = new Transaction(
            1,
            [new TxIn(OutPoint.Null, [0x04, .. tag], TxIn.FinalSequence)],
            [new TxOut(_random.Next(1, 5_000) * 1_000L, PickScript()), new TxOut(0, OpReturn)],
            0);
        _coinbases.Add(coinbase);
        return coinbase;
    }

    private Transaction Spend()
    {
        var inputs = new List<TxIn>();
        var inputCount = _random.Next(1, 4);
        for (var i = 0; i < inputCount; i++)
        {
            OutPoint prevOut;
            if (_pool.Count == 0 || _random.Next(8) == 0)
            {
                // An outpoint the index never saw: created below its first block, or simply unknown.
                prevOut = new OutPoint(Hash256.DoubleSha256(BitConverter.GetBytes(_counter++ + 7_000_000)), (uint)_random.Next(3));
            }
            else
            {
                var pick = _random.Next(_pool.Count);
                prevOut = _pool[pick];
                _pool.RemoveAt(pick);
            }

            inputs.Add(new TxIn(prevOut, [0x01, (byte)i], TxIn.FinalSequence));
        }

        var outputs = new List<TxOut>();
        var outputCount = _random.Next(1, 4);
        for (var o = 0; o < outputCount; o++)
        {
            outputs.Add(_random.Next(6) == 0 ? new TxOut(0, OpReturn) : new TxOut(_random.Next(1, 100_000), PickScript()));
        }

        return new Transaction(2, inputs, outputs, (uint)_counter++);
    }

    private byte[] PickScript() => Scripts[_random.Next(Scripts.Length)];
}
