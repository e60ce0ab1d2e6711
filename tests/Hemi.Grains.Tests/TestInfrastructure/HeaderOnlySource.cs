using System.Buffers.Binary;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Node;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Grains.Tests.TestInfrastructure;

/// <summary>A source that serves a fixed best chain of headers (no blocks), e.g. the real mainnet headers from the vectors.</summary>
public sealed class HeaderOnlySource : IBitcoinSource
{
    private readonly ChainHeader[] _chain;
    private readonly Dictionary<Hash256, ChainHeader> _byHash = new();

    public HeaderOnlySource(IReadOnlyList<BlockHeader> headersFromGenesis)
    {
        _chain = new ChainHeader[headersFromGenesis.Count];
        for (var i = 0; i < _chain.Length; i++)
        {
            var header = headersFromGenesis[i];
            _chain[i] = new ChainHeader(header, header.GetHash(), i, true);
            _byHash[_chain[i].Hash] = _chain[i];
        }
    }

    /// <summary>Genesis plus the vectors' mainnet headers 1..32260 (4-byte LE count, then 80-byte headers).</summary>
    public static List<BlockHeader> ReadMainnetHeaders()
    {
        var raw = TestVectors.ReadAllBytes("hemi/mainnet_headers.bin");
        var count = BinaryPrimitives.ReadInt32LittleEndian(raw);
        var headers = new List<BlockHeader>(count + 1) { Network.Mainnet.GenesisHeader };
        for (var i = 0; i < count; i++)
        {
            headers.Add(BlockHeader.Parse(raw.AsSpan(4 + (i * BlockHeader.Size), BlockHeader.Size)));
        }

        return headers;
    }

    public event EventHandler<TipChange>? TipChanged
    {
        add { }
        remove { }
    }

    public Task<ChainTip> GetTipAsync(CancellationToken ct = default) =>
        Task.FromResult(new ChainTip(_chain[^1].Height, _chain[^1].Hash));

    public Task<ChainHeader?> GetHeaderAsync(int height, CancellationToken ct = default) =>
        Task.FromResult(height >= 0 && height < _chain.Length ? _chain[height] : null);

    public Task<ChainHeader?> GetHeaderAsync(Hash256 blockHash, CancellationToken ct = default) =>
        Task.FromResult(_byHash.GetValueOrDefault(blockHash));

    public Task<byte[]?> GetRawBlockAsync(Hash256 blockHash, CancellationToken ct = default) => Task.FromResult<byte[]?>(null);

    public Task<TransactionInfo?> GetTransactionAsync(Hash256 txId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<BroadcastResult> BroadcastAsync(Transaction transaction, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Utxo>> GetUtxosAsync(ReadOnlyMemory<byte> scriptPubKey, bool excludeMempoolSpent = true, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public Task<FeeRate> EstimateFeeAsync(int confirmationTarget, CancellationToken ct = default) => throw new NotSupportedException();

    public IAsyncEnumerable<TipChange> WatchTipChangesAsync(CancellationToken ct = default) => throw new NotSupportedException();
}
