using Hemi.Bitcoin;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Node;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Grains.Chain;
using Hemi.Grains.Keystones;
using Hemi.Grains.Runtime;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Pop;

/// <summary>
/// popm v2's miner loop on a grain. Each keystone moves New → Signed → Broadcast → Mined (Error retries building).
/// A signed transaction is persisted before it is first broadcast, and from then on only those exact bytes are ever
/// re-broadcast for that keystone (after a failed broadcast, a restart, or the node dropping it), so a keystone is never
/// paid for twice.
/// </summary>
public sealed partial class PopMinerGrain(
    [PersistentState("pop-miner")] IPersistentState<PopMinerState> state,
    IBitcoinSource source,
    IOptionsMonitor<PopMinerOptions> options,
    TimeProvider time,
    ILogger<PopMinerGrain> logger,
    IServiceProvider services) : Grain, IPopMinerGrain
{
    // Consensus: a coinbase output is spendable once 100 blocks are built on top of its block.
    private const int CoinbaseMaturity = 100;

    private const int MaxUtxos = 100;

    private PopMinerOptions _options = new();
    private PrivateKey? _key;
    private byte[]? _script;
    private IGrainTimer? _timer;
    private IKeystoneSource? _keystones;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _options = options.Get(this.GetPrimaryKeyString());
        if (_options.LoopInterval > TimeSpan.Zero)
        {
            _timer = RegisterGrainTimer(TickAsync, _options.LoopInterval, _options.LoopInterval);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _key?.Dispose();
        _key = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task FollowAsync(string keystoneHash)
    {
        if (!Hash256.TryParse(keystoneHash, out var hash))
        {
            throw new ArgumentException("Not a keystone hash (64 hex digits).", nameof(keystoneHash));
        }

        var normalized = hash.ToString();
        if (state.State.AnchorHash != normalized)
        {
            state.State.AnchorHash = normalized;
            state.State.AnchorL2BlockNumber = null;
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PopMinerEntry>> MineAsync()
    {
        EnsureKey();
        await PassAsync();
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PopMinerEntry>> GetStateAsync() => Task.FromResult(Snapshot());

    private async Task TickAsync(CancellationToken ct)
    {
        try
        {
            EnsureKey();
            await PassAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPassFailed(logger, this.GetPrimaryKeyString(), e);
        }
    }

    private async Task PassAsync()
    {
        var now = time.GetUtcNow();
        bool changed;
        Exception? discoveryFailure = null;
        try
        {
            changed = await DiscoverAsync(now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The keystone source (a remote silo's JSON-RPC) being down must not stop the keystones already tracked from
            // being followed and their signed transactions re-broadcast; the failure is reported after the pass.
            changed = false;
            discoveryFailure = e;
        }

        changed |= await RefreshPublicationsAsync();
        if (changed)
        {
            await state.WriteStateAsync();
        }

        // Coins already committed to a persisted transaction must not fund another keystone's transaction: that one
        // could then never confirm alongside it.
        var committed = new HashSet<OutPoint>();
        foreach (var entry in state.State.Entries)
        {
            if (entry.Status is PopMinerEntryStatus.Signed or PopMinerEntryStatus.Broadcast && entry.TxHex is { } hex)
            {
                foreach (var input in Transaction.ParseHex(hex).Inputs)
                {
                    committed.Add(input.PrevOut);
                }
            }
        }

        foreach (var entry in state.State.Entries.ToArray())
        {
            try
            {
                await AdvanceAsync(entry, now, committed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever failed, the entry keeps its persisted status (and transaction): the next pass resumes from it.
                entry.LastError = e.Message;
                LogEntryFailed(logger, this.GetPrimaryKeyString(), entry.KeystoneHash, e);
            }
        }

        if (discoveryFailure is not null)
        {
            throw new KeystoneDiscoveryException($"Keystone discovery failed: {discoveryFailure.Message}", discoveryFailure);
        }
    }

    private async Task AdvanceAsync(PopMinerKeystoneState entry, DateTimeOffset now, HashSet<OutPoint> committed)
    {
        switch (entry.Status)
        {
            case PopMinerEntryStatus.Mined:
                return;
            case PopMinerEntryStatus.Signed:
                await BroadcastAsync(entry);
                return;
            case PopMinerEntryStatus.Broadcast:
                // Still known to the node (mempool or chain): nothing to do; dropped: send the same bytes again.
                if (await source.GetTransactionAsync(Hash256.Parse(entry.TxId!)) is null)
                {
                    await BroadcastAsync(entry);
                }

                return;
            case PopMinerEntryStatus.Error when entry.RetryAt > now:
                return;
            default:
                if (await SignAsync(entry, now, committed))
                {
                    await BroadcastAsync(entry);
                }

                return;
        }
    }

    private async Task<bool> SignAsync(PopMinerKeystoneState entry, DateTimeOffset now, HashSet<OutPoint> committed)
    {
        var key = EnsureKey();
        Transaction transaction;
        try
        {
            var rate = _options.StaticFeeSatPerVByte is { } fixedRate
                ? FeeRate.FromSatoshisPerVbyte(fixedRate >= 1 ? fixedRate : throw new InvalidOperationException("StaticFeeSatPerVByte must be at least 1 sat/vB."))
                : await source.EstimateFeeAsync(_options.FeeConfirmationTarget);
            FeeRate? cap = _options.MaxFeeSatPerVByte > 0 ? FeeRate.FromSatoshisPerVbyte(_options.MaxFeeSatPerVByte) : null;
            var tip = await source.GetTipAsync();
            var utxos = await source.GetUtxosAsync(_script);
            // popm considers at most 100 UTXOs and takes the first one that covers the fee; unlike popm, coins it
            // cannot spend yet (immature, or committed to another keystone's transaction) are skipped first.
            var coins = utxos
                .Where(u => !u.IsCoinbase || tip.Height + 1 - u.Height >= CoinbaseMaturity)
                .Where(u => !committed.Contains(u.OutPoint))
                .Take(MaxUtxos)
                .Select(u => u.ToCoin())
                .ToArray();
            var keystone = entry.Keystone ?? throw new InvalidOperationException("The entry has no keystone.");
            transaction = PopTransactionFactory.Create(key, keystone.Abbreviate(), coins, rate, (uint)Math.Max(0, tip.Height), cap).Transaction;
        }
        catch (PopFeeTooHighException e)
        {
            await FailAsync(entry, e.Message, now + _options.FeeCapRetryDelay);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No funds, no estimate, node unreachable: retried on the next pass.
            await FailAsync(entry, e.Message, now);
            return false;
        }

        var previous = (entry.Status, entry.LastError, entry.RetryAt);
        entry.Status = PopMinerEntryStatus.Signed;
        entry.TxHex = Hex.Encode(transaction.ToBytes());
        entry.TxId = transaction.GetTxId().ToString();
        entry.LastError = null;
        entry.RetryAt = null;
        try
        {
            // Persist before broadcasting: from here on these bytes are the keystone's only transaction.
            await state.WriteStateAsync();
        }
        catch
        {
            // Not persisted, so never broadcast: the next pass may sign afresh without any risk of paying twice.
            (entry.Status, entry.LastError, entry.RetryAt) = previous;
            entry.TxHex = null;
            entry.TxId = null;
            throw;
        }

        foreach (var input in transaction.Inputs)
        {
            committed.Add(input.PrevOut);
        }

        return true;
    }

    private async Task BroadcastAsync(PopMinerKeystoneState entry)
    {
        var transaction = Transaction.ParseHex(entry.TxHex ?? throw new InvalidOperationException("The entry has no signed transaction."));
        BroadcastResult result;
        try
        {
            result = await source.BroadcastAsync(transaction);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            entry.LastError = $"Broadcast failed: {e.Message}";
            await state.WriteStateAsync();
            return;
        }

        var known = result.Accepted
            || result.Rejection?.Code is RejectCode.AlreadyInMempool or RejectCode.AlreadyKnown
            // Already mined, so its inputs read as spent: the node still knows the transaction itself.
            || await source.GetTransactionAsync(transaction.GetTxId()) is not null;
        if (known)
        {
            entry.Status = PopMinerEntryStatus.Broadcast;
            entry.LastError = null;
        }
        else
        {
            entry.LastError = $"Broadcast rejected: {result.Rejection}";
        }

        await state.WriteStateAsync();
    }

    private async Task FailAsync(PopMinerKeystoneState entry, string reason, DateTimeOffset retryAt)
    {
        entry.Status = PopMinerEntryStatus.Error;
        entry.LastError = reason;
        entry.RetryAt = retryAt;
        await state.WriteStateAsync();
    }

    /// <summary>
    /// Adds the latest keystones of the keystone source as New entries (only those at or above the followed keystone,
    /// when <see cref="FollowAsync"/> set one) and forgets old entries that left the window.
    /// </summary>
    private async Task<bool> DiscoverAsync(DateTimeOffset now)
    {
        var count = Math.Clamp(_options.LatestKeystones, 1, KeystoneRegistry.MaxLatestCount);
        var latest = await KeystoneSource().GetLatestKeystonesAsync(count);
        var changed = false;
        if (state.State.AnchorHash is { } anchor && state.State.AnchorL2BlockNumber is null)
        {
            // The followed keystone's L2 number bounds discovery from below; resolve it once.
            var found = latest.FirstOrDefault(k => HashOf(k) == anchor)
                ?? (await GrainFactory.GetGrain<IKeystoneRegistryGrain>(_options.RegistryKey).GetChainFromAsync(anchor)).FirstOrDefault();
            if (found is null)
            {
                // Not known yet: nothing can be placed relative to it.
                return false;
            }

            state.State.AnchorL2BlockNumber = found.L2BlockNumber;
            changed = true;
        }

        var floor = state.State.AnchorL2BlockNumber ?? 0;
        var window = latest.Where(k => k.L2BlockNumber >= floor).Take(count).ToArray();
        var inWindow = new HashSet<string>(StringComparer.Ordinal);
        var entries = state.State.Entries;
        var tracked = entries.Select(e => e.KeystoneHash).ToHashSet(StringComparer.Ordinal);
        foreach (var keystone in window)
        {
            var hash = HashOf(keystone);
            inWindow.Add(hash);
            if (tracked.Add(hash))
            {
                entries.Add(new PopMinerKeystoneState { KeystoneHash = hash, Keystone = keystone, DiscoveredAt = now });
                changed = true;
            }
        }

        changed |= entries.RemoveAll(e => !inWindow.Contains(e.KeystoneHash) && now - e.DiscoveredAt > _options.EntryLifetime) > 0;
        if (changed)
        {
            state.State.Entries = entries.OrderBy(e => e.Keystone?.L2BlockNumber ?? 0).ToList();
        }

        return changed;
    }

    private IKeystoneSource KeystoneSource() =>
        _keystones ??= services.GetKeyedService<IKeystoneSource>(this.GetPrimaryKeyString())
            ?? services.GetService<IKeystoneSource>()
            ?? new RegistryKeystoneSource(GrainFactory, _options.RegistryKey);

    private static string HashOf(L2Keystone keystone) => keystone.Abbreviate().GetHash().ToString();

    /// <summary>Marks entries published on the indexed chain Mined, and un-mines those a reorg removed.</summary>
    private async Task<bool> RefreshPublicationsAsync()
    {
        var entries = state.State.Entries;
        if (entries.Count == 0)
        {
            return false;
        }

        var snapshot = await GrainFactory.GetGrain<IBitcoinChainGrain>(_options.BitcoinNetwork)
            .GetFirstPublicationsAsync(entries.Select(e => e.KeystoneHash).ToArray());
        var changed = false;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (snapshot.FirstPublications[i] is { } publication)
            {
                if (entry.Status != PopMinerEntryStatus.Mined || entry.BlockHash != publication.BlockHash)
                {
                    entry.Status = PopMinerEntryStatus.Mined;
                    entry.BlockHash = publication.BlockHash;
                    entry.BlockHeight = publication.BlockHeight;
                    entry.LastError = null;
                    entry.RetryAt = null;
                    changed = true;
                }
            }
            else if (entry.Status == PopMinerEntryStatus.Mined)
            {
                // Reorged out: resend our own transaction if we have one, otherwise publish it ourselves.
                entry.Status = entry.TxHex is null ? PopMinerEntryStatus.New : PopMinerEntryStatus.Signed;
                entry.BlockHash = null;
                entry.BlockHeight = -1;
                changed = true;
            }
        }

        return changed;
    }

    private PrivateKey EnsureKey()
    {
        if (_key is { } key)
        {
            return key;
        }

        var id = this.GetPrimaryKeyString();
        if (!Hex.TryDecode(_options.PrivateKeyHex, out var bytes) || bytes.Length != 32)
        {
            throw new InvalidOperationException($"PoP miner '{id}' has no valid PrivateKeyHex (32 bytes hex) configured.");
        }

        try
        {
            _key = PrivateKey.FromBytes(bytes);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InvalidOperationException($"PoP miner '{id}' has an invalid secp256k1 private key.", e);
        }
        finally
        {
            Array.Clear(bytes);
        }

        _script = PopTransactionFactory.MinerScript(_key.PublicKey);
        return _key;
    }

    private IReadOnlyList<PopMinerEntry> Snapshot() => state.State.Entries
        .Select(e => new PopMinerEntry(
            e.KeystoneHash,
            e.Keystone?.L2BlockNumber ?? 0,
            e.Status,
            e.TxId,
            e.TxHex,
            e.LastError,
            e.RetryAt,
            e.BlockHash,
            e.BlockHeight,
            e.DiscoveredAt))
        .ToArray();

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "PoP miner {Miner}: the miner pass failed; retrying on the next tick")]
    private static partial void LogPassFailed(ILogger logger, string miner, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "PoP miner {Miner}: keystone {Keystone} failed; retrying on the next pass")]
    private static partial void LogEntryFailed(ILogger logger, string miner, string keystone, Exception exception);
}
