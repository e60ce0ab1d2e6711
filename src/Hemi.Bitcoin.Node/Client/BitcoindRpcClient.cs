using System.Text.Json;
using System.Text.Json.Nodes;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Transactions;
using static Hemi.Bitcoin.Node.Client.RpcResultReader;

namespace Hemi.Bitcoin.Node.Client;

/// <summary>
/// <see cref="IBitcoinSource"/> over bitcoind's JSON-RPC: user/password or cookie authentication, per-call deadlines,
/// retries with backoff, typed errors (<see cref="BitcoindRpcException"/>, <see cref="BitcoindUnavailableException"/>,
/// <see cref="BitcoindResponseException"/>) and tip-change notifications by polling.
/// </summary>
/// <remarks>
/// Every call this client makes is retried on transport failures, including sendrawtransaction: bitcoind answers a
/// re-sent transaction with "txn-already-in-mempool" or error -27 (already in the chain), both mapped to success, so a
/// retry after a lost response cannot turn an accepted broadcast into a failure or send anything twice.
/// </remarks>
public sealed partial class BitcoindRpcClient : IBitcoinSource, IDisposable
{
    private const int RpcMethodNotFound = -32601;
    private const int RpcInvalidAddressOrKey = -5;
    private const int RpcInvalidParameter = -8;
    private const int RpcVerifyError = -25;
    private const int RpcVerifyRejected = -26;
    private const int RpcVerifyAlreadyInChain = -27;
    private const int MaxConfirmationTarget = 1008;
    private const long MinRelayFeePerKvb = 1_000;

    private readonly JsonRpcTransport _transport;
    private readonly BitcoindRpcOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a client; <paramref name="handler"/> (not disposed by the client) replaces the default sockets handler.</summary>
    public BitcoindRpcClient(BitcoindRpcOptions options, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _transport = new JsonRpcTransport(options, handler, _time);
    }

    /// <summary>
    /// Calls any RPC method with positional <paramref name="parameters"/>; <paramref name="retryable"/> allows retries on
    /// transport failures, so pass it only for methods that are safe to repeat.
    /// </summary>
    public Task<JsonElement> CallAsync(string method, JsonArray? parameters = null, bool retryable = false, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        return _transport.CallAsync(method, parameters ?? [], retryable, ct);
    }

    /// <inheritdoc />
    public async Task<ChainTip> GetTipAsync(CancellationToken ct = default)
    {
        // getblockchaininfo reports height and hash under one lock; getblockcount + getbestblockhash could straddle a block.
        const string method = "getblockchaininfo";
        var info = await ReadAsync(method, [], ct).ConfigureAwait(false);
        var height = Int32(Property(info, "blocks", method), method, "blocks");
        return height < 0
            ? throw new BitcoindResponseException(method, "negative block count")
            : new ChainTip(height, Hash(Property(info, "bestblockhash", method), method, "bestblockhash"));
    }

    /// <inheritdoc />
    public async Task<ChainHeader?> GetHeaderAsync(int height, CancellationToken ct = default)
    {
        if (height < 0)
        {
            return null;
        }

        JsonElement hash;
        try
        {
            hash = await ReadAsync("getblockhash", [height], ct).ConfigureAwait(false);
        }
        catch (BitcoindRpcException ex) when (ex.Code == RpcInvalidParameter)
        {
            return null; // "Block height out of range"
        }

        var header = await GetHeaderAsync(Hash(hash, "getblockhash", "result"), ct).ConfigureAwait(false);
        // A reorg between the two calls can move the hash off the best chain; report what is there now.
        return header is { IsOnBestChain: true } && header.Height == height ? header : await RetryHeightOnceAsync(height, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ChainHeader?> GetHeaderAsync(Hash256 blockHash, CancellationToken ct = default)
    {
        // The verbose form carries height and best-chain membership; the 80 bytes are rebuilt from its fields and checked
        // against the requested hash, which also proves the server returned the header we asked for.
        const string method = "getblockheader";
        JsonElement json;
        try
        {
            json = await ReadAsync(method, [blockHash.ToString(), true], ct).ConfigureAwait(false);
        }
        catch (BitcoindRpcException ex) when (ex.Code == RpcInvalidAddressOrKey)
        {
            return null;
        }

        var height = Int32(Property(json, "height", method), method, "height");
        var confirmations = Int64(Property(json, "confirmations", method), method, "confirmations");
        var previous = TryProperty(json, "previousblockhash", out var prev) ? Hash(prev, method, "previousblockhash") : Hash256.Zero;
        var header = new BlockHeader(
            Int32(Property(json, "version", method), method, "version"),
            previous,
            Hash(Property(json, "merkleroot", method), method, "merkleroot"),
            UInt32(Property(json, "time", method), method, "time"),
            HexUInt32(Property(json, "bits", method), method, "bits"),
            UInt32(Property(json, "nonce", method), method, "nonce"));
        if (header.GetHash() != blockHash || height < 0)
        {
            throw new BitcoindResponseException(method, $"the header fields do not hash to {blockHash}");
        }

        return new ChainHeader(header, blockHash, height, confirmations >= 0);
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetRawBlockAsync(Hash256 blockHash, CancellationToken ct = default)
    {
        const string method = "getblock";
        JsonElement hex;
        try
        {
            hex = await ReadAsync(method, [blockHash.ToString(), 0], ct).ConfigureAwait(false);
        }
        catch (BitcoindRpcException ex) when (ex.Code == RpcInvalidAddressOrKey)
        {
            return null;
        }

        var raw = Hex(hex, method, "result");
        if (raw.Length < BlockHeader.Size || BlockHeader.Parse(raw.AsSpan(0, BlockHeader.Size)).GetHash() != blockHash)
        {
            throw new BitcoindResponseException(method, $"the block does not start with the header of {blockHash}");
        }

        return raw;
    }

    /// <inheritdoc />
    public async Task<TransactionInfo?> GetTransactionAsync(Hash256 txId, CancellationToken ct = default)
    {
        const string method = "getrawtransaction";
        JsonElement json;
        try
        {
            json = await ReadAsync(method, [txId.ToString(), true], ct).ConfigureAwait(false);
        }
        catch (BitcoindRpcException ex) when (ex.Code == RpcInvalidAddressOrKey)
        {
            return null;
        }

        var raw = Hex(Property(json, "hex", method), method, "hex");
        Transaction transaction;
        try
        {
            transaction = Transaction.Parse(raw);
        }
        catch (FormatException ex)
        {
            throw new BitcoindResponseException(method, "hex is not a transaction", ex);
        }

        if (transaction.GetTxId() != txId)
        {
            throw new BitcoindResponseException(method, $"the transaction is not {txId}");
        }

        ChainTip? block = null;
        if (TryProperty(json, "blockhash", out var blockHashJson)
            && TryProperty(json, "confirmations", out var confirmations) && Int64(confirmations, method, "confirmations") > 0)
        {
            var blockHash = Hash(blockHashJson, method, "blockhash");
            var header = await GetHeaderAsync(blockHash, ct).ConfigureAwait(false);
            if (header is { IsOnBestChain: true })
            {
                block = new ChainTip(header.Height, blockHash);
            }
        }

        return new TransactionInfo(transaction, raw, block);
    }

    /// <inheritdoc />
    public async Task<BroadcastResult> BroadcastAsync(Transaction transaction, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        const string method = "sendrawtransaction";
        var txId = transaction.GetTxId();
        try
        {
            var result = await ReadAsync(method, [Convert.ToHexStringLower(transaction.ToBytes())], ct).ConfigureAwait(false);
            return Hash(result, method, "result") == txId
                ? BroadcastResult.Success(txId)
                : throw new BitcoindResponseException(method, $"bitcoind acknowledged a different txid than {txId}");
        }
        catch (BitcoindRpcException ex) when (ex.Code == RpcVerifyAlreadyInChain)
        {
            return BroadcastResult.Success(txId);
        }
        catch (BitcoindRpcException ex) when (ex.Code is RpcVerifyError or RpcVerifyRejected
                                               && RejectReasonParser.TryParse(ex.RpcMessage, out var rejection))
        {
            return rejection.Code is RejectCode.AlreadyInMempool or RejectCode.AlreadyKnown
                ? BroadcastResult.Success(txId)
                : BroadcastResult.Failure(txId, rejection);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Utxo>> GetUtxosAsync(ReadOnlyMemory<byte> scriptPubKey, bool excludeMempoolSpent = true, CancellationToken ct = default)
    {
        const string method = "scantxoutset";
        var descriptor = "raw(" + Convert.ToHexStringLower(scriptPubKey.Span) + ")";
        var scan = await ReadAsync(method, ["start", new JsonArray(new JsonObject { ["desc"] = descriptor })], ct).ConfigureAwait(false);
        var unspents = Property(scan, "unspents", method);
        if (unspents.ValueKind != JsonValueKind.Array)
        {
            throw new BitcoindResponseException(method, "unspents is not an array");
        }

        var result = new List<Utxo>(unspents.GetArrayLength());
        foreach (var entry in unspents.EnumerateArray())
        {
            var script = Hex(Property(entry, "scriptPubKey", method), method, "scriptPubKey");
            if (!script.AsSpan().SequenceEqual(scriptPubKey.Span))
            {
                throw new BitcoindResponseException(method, "an unspent output pays a different script");
            }

            var outPoint = new OutPoint(Hash(Property(entry, "txid", method), method, "txid"), UInt32(Property(entry, "vout", method), method, "vout"));
            var isCoinbase = TryProperty(entry, "coinbase", out var coinbase) && Boolean(coinbase, method, "coinbase");
            result.Add(new Utxo(
                outPoint,
                new TxOut(Satoshis(Property(entry, "amount", method), method, "amount"), script),
                Int32(Property(entry, "height", method), method, "height"),
                isCoinbase));
        }

        if (excludeMempoolSpent && result.Count != 0)
        {
            var spent = await FindMempoolSpentAsync(result, ct).ConfigureAwait(false);
            result.RemoveAll(u => spent.Contains(u.OutPoint));
        }

        result.Sort(static (a, b) => a.Height != b.Height
            ? a.Height.CompareTo(b.Height)
            : a.OutPoint.TxId != b.OutPoint.TxId ? a.OutPoint.TxId.CompareTo(b.OutPoint.TxId) : a.OutPoint.Index.CompareTo(b.OutPoint.Index));
        return result;
    }

    /// <inheritdoc />
    public async Task<FeeRate> EstimateFeeAsync(int confirmationTarget, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(confirmationTarget, 1);
        const string method = "estimatesmartfee";
        // bitcoind's horizon ends at 1008 blocks; a longer target gets the longest estimate there is.
        var estimate = await ReadAsync(method, [Math.Min(confirmationTarget, MaxConfirmationTarget)], ct).ConfigureAwait(false);
        if (!TryProperty(estimate, "feerate", out var feeRate))
        {
            return FeeRate.FromSatoshisPerKilovbyte(MinRelayFeePerKvb); // no data yet ("errors": ["Insufficient data..."])
        }

        var perKvb = Satoshis(feeRate, method, "feerate");
        return FeeRate.FromSatoshisPerKilovbyte(Math.Max(perKvb, MinRelayFeePerKvb));
    }

    /// <summary>Stops the tip poller behind <see cref="TipChanged"/> and releases the HTTP client.</summary>
    public void Dispose()
    {
        StopPoller();
        _transport.Dispose();
    }

    private Task<JsonElement> ReadAsync(string method, JsonArray parameters, CancellationToken ct) =>
        _transport.CallAsync(method, parameters, retryable: true, ct);

    private async Task<ChainHeader?> RetryHeightOnceAsync(int height, CancellationToken ct)
    {
        JsonElement hash;
        try
        {
            hash = await ReadAsync("getblockhash", [height], ct).ConfigureAwait(false);
        }
        catch (BitcoindRpcException ex) when (ex.Code == RpcInvalidParameter)
        {
            return null;
        }

        var header = await GetHeaderAsync(Hash(hash, "getblockhash", "result"), ct).ConfigureAwait(false);
        return header is { IsOnBestChain: true } && header.Height == height
            ? header
            : throw new BitcoindResponseException("getblockhash", $"the best chain at height {height} keeps changing or is inconsistent");
    }

    /// <summary>
    /// Outpoints among <paramref name="utxos"/> spent by mempool transactions: gettxout with include_mempool where the
    /// server has it (bitcoind), else a scan of the mempool's transactions.
    /// </summary>
    private async Task<HashSet<OutPoint>> FindMempoolSpentAsync(List<Utxo> utxos, CancellationToken ct)
    {
        var spent = new HashSet<OutPoint>();
        try
        {
            foreach (var utxo in utxos)
            {
                var output = await ReadAsync("gettxout", [utxo.OutPoint.TxId.ToString(), utxo.OutPoint.Index, true], ct).ConfigureAwait(false);
                if (output.ValueKind == JsonValueKind.Null)
                {
                    spent.Add(utxo.OutPoint);
                }
            }

            return spent;
        }
        catch (BitcoindRpcException ex) when (ex.Code == RpcMethodNotFound)
        {
            spent.Clear();
        }

        var wanted = utxos.Select(u => u.OutPoint).ToHashSet();
        var mempool = await ReadAsync("getrawmempool", [], ct).ConfigureAwait(false);
        if (mempool.ValueKind != JsonValueKind.Array)
        {
            throw new BitcoindResponseException("getrawmempool", "the result is not an array");
        }

        foreach (var id in mempool.EnumerateArray())
        {
            var info = await GetTransactionAsync(Hash(id, "getrawmempool", "txid"), ct).ConfigureAwait(false);
            if (info is null)
            {
                continue; // mined or evicted since the listing
            }

            foreach (var input in info.Transaction.Inputs)
            {
                if (wanted.Contains(input.PrevOut))
                {
                    spent.Add(input.PrevOut);
                }
            }
        }

        return spent;
    }
}
