using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Transactions;
using Hemi.Protocol.Hvm;

namespace Hemi.Protocol.Tests.Hvm;

/// <summary>A hand-filled <see cref="IBitcoinView"/> for precompile tests.</summary>
internal sealed class InMemoryBitcoinView(Network network) : IBitcoinView
{
    private readonly List<HvmHeaderRecord> _chain = [];
    private readonly Dictionary<Hash256, HvmTransactionRecord> _transactions = [];
    private readonly HashSet<OutPoint> _unspent = [];
    private readonly Dictionary<string, ulong> _balances = [];
    private readonly Dictionary<string, List<BitcoinUtxo>> _utxos = [];

    public Network Network { get; } = network;

    public List<(byte[] Script, ulong Skip, int Count)> UtxoQueries { get; } = [];

    public void AddHeader(uint height, BlockHeader header) => _chain.Add(new HvmHeaderRecord(height, header));

    public void AddTransaction(Transaction tx, Hash256 blockHash, uint height, params uint[] unspentOutputs)
    {
        var txId = tx.GetTxId();
        _transactions[txId] = new HvmTransactionRecord(tx, blockHash, height);
        foreach (var index in unspentOutputs)
        {
            _unspent.Add(new OutPoint(txId, index));
        }
    }

    public void SetBalance(byte[] script, ulong sats) => _balances[Convert.ToHexString(script)] = sats;

    public void AddUtxos(byte[] script, params BitcoinUtxo[] utxos) => _utxos[Convert.ToHexString(script)] = [.. utxos];

    public HvmHeaderRecord? GetBestHeader() => _chain.Count == 0 ? null : _chain[^1];

    public HvmHeaderRecord? GetHeaderByHeight(uint height) => _chain.FirstOrDefault(r => r.Height == height);

    public HvmHeaderRecord? GetHeaderByHash(Hash256 hash) => _chain.FirstOrDefault(r => r.Hash == hash);

    public HvmTransactionRecord? GetTransaction(Hash256 txId) => _transactions.GetValueOrDefault(txId);

    public bool IsUnspent(OutPoint outpoint) => _unspent.Contains(outpoint);

    public ulong GetBalance(byte[] scriptPubKey) => _balances.GetValueOrDefault(Convert.ToHexString(scriptPubKey));

    public IReadOnlyList<BitcoinUtxo> GetUtxos(byte[] scriptPubKey, ulong skip, int count)
    {
        UtxoQueries.Add((scriptPubKey, skip, count));
        return _utxos.TryGetValue(Convert.ToHexString(scriptPubKey), out var list)
            ? list.Skip((int)Math.Min(skip, int.MaxValue)).Take(count).ToArray()
            : [];
    }
}
