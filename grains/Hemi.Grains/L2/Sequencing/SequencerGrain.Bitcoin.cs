using System.Numerics;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;
using Hemi.Ethereum;
using Hemi.Grains.Chain;
using Hemi.Grains.Keystones;
using Hemi.Grains.L2.Accounts;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;

namespace Hemi.Grains.L2.Sequencing;

// What a block takes from and gives to the Bitcoin side: attributes (0x7C), PoP payouts (0x7D), keystones.
public sealed partial class SequencerGrain
{
    /// <summary>
    /// The 0x7C transaction of the next block: the Bitcoin headers after the last committed tip (from the fork point
    /// when the tip was reorged out), oldest first and at most six, up to the chain grain's indexed tip. Without a
    /// reachable Bitcoin side the block repeats the previous tip with no headers.
    /// </summary>
    private async Task<(BitcoinAttributesTransaction Transaction, BitcoinAnchor? NewTip)> BuildAttributesAsync()
    {
        var headers = new List<byte[]>();
        BitcoinAnchor? newTip = null;
        if (_bitcoinSource is { } source)
        {
            try
            {
                var chainTip = await GrainFactory.GetGrain<IBitcoinChainGrain>(_options.BitcoinNetwork).GetTipAsync();
                if (chainTip.Height >= 0 && (_bitcoinTip is null || !string.Equals(chainTip.Hash, _bitcoinTip.Hash.ToString(), StringComparison.OrdinalIgnoreCase)))
                {
                    var start = await NextHeaderHeightAsync(chainTip.Height);
                    var firstInState = (ulong)_state.GetStorage(NativeContracts.HvmState.Address, HvmStateLayout.HeaderCountSlot) == 0;
                    for (var height = start; height <= chainTip.Height && headers.Count < BitcoinAttributesCall.MaxHeaders; height++)
                    {
                        if (await source.GetHeaderAsync(height) is not { } header)
                        {
                            break;
                        }

                        headers.Add(header.Header.ToBytes());
                        newTip = new BitcoinAnchor(height, header.Hash);
                    }

                    if (firstInState && headers.Count > 0)
                    {
                        _firstHvmHeight = (uint)start;
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogBitcoinUnavailable(_logger, ChainId, e);
                headers.Clear();
                newTip = null;
            }
        }

        var tip = newTip?.Hash ?? _bitcoinTip?.Hash ?? Hash256.FromInternal(_head.MixHash.AsSpan());
        return (BitcoinAttributesTransaction.Create(new BitcoinAttributesCall(tip, headers)), newTip);
    }

    /// <summary>The first height to send: after the committed tip when it is still on the best chain, else after the fork point.</summary>
    private async Task<int> NextHeaderHeightAsync(int chainTipHeight)
    {
        var source = _bitcoinSource!;
        if (_bitcoinTip is null)
        {
            // The chain's first Bitcoin view: the latest headers only.
            return Math.Max(0, chainTipHeight - BitcoinAttributesCall.MaxHeaders + 1);
        }

        if (await source.GetHeaderAsync(_bitcoinTip.Hash) is { IsOnBestChain: true } committed)
        {
            return committed.Height + 1;
        }

        // Reorged out: walk the headers the chain recorded, newest first, to the last one still on the best chain.
        var count = (ulong)_state.GetStorage(NativeContracts.HvmState.Address, HvmStateLayout.HeaderCountSlot);
        for (ulong i = 0; i < count && i < MaxForkSearchHeaders; i++)
        {
            var raw = HvmStateLayout.ReadHeader(_state, count - 1 - i);
            if (await source.GetHeaderAsync(BlockHeader.Parse(raw).GetHash()) is { IsOnBestChain: true } ancestor)
            {
                return ancestor.Height + 1;
            }
        }

        return Math.Max(0, chainTipHeight - BitcoinAttributesCall.MaxHeaders + 1);
    }

    /// <summary>
    /// The 0x7D transaction of keystone block <paramref name="number"/> when it pays keystone <c>number − delay</c>:
    /// <see cref="SequencerOptions.PopPayoutAmount"/> per publication within <see cref="SequencerOptions.PopPayoutDepth"/>
    /// Bitcoin blocks of the first one, summed per reward address (addresses in ascending order). Null when nothing is due.
    /// </summary>
    private async Task<PopPayoutTransaction?> BuildPayoutAsync(ulong number)
    {
        var period = (ulong)_options.KeystonePeriod;
        var delay = _options.PopPayoutDelay;
        if (delay == 0 || number % period != 0 || number < delay + period || _options.PopPayoutAmount.IsZero)
        {
            return null;
        }

        var rewarded = number - delay;
        try
        {
            if (await HeaderAtAsync(rewarded) is not { } keystoneHeader)
            {
                return null;
            }

            var keystone = await KeystoneOfAsync(keystoneHeader);
            var hash = keystone.Abbreviate().GetHash().ToString();
            var publications = await GrainFactory.GetGrain<IBitcoinChainGrain>(_options.BitcoinNetwork).GetPublicationsAsync(hash);
            if (publications.Count == 0)
            {
                return null;
            }

            var first = publications.Min(p => p.BlockHeight);
            var amounts = new SortedDictionary<Address, BigInteger>();
            foreach (var publication in publications)
            {
                if (publication.BlockHeight > first + _options.PopPayoutDepth || !Address.TryParse(publication.RewardAddress, out var miner))
                {
                    continue;
                }

                amounts[miner] = amounts.GetValueOrDefault(miner) + _options.PopPayoutAmount;
            }

            return amounts.Count == 0
                ? null
                : PopPayoutTransaction.Create(new PopPayoutCall(rewarded, amounts.Keys.ToArray(), amounts.Values.ToArray()));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Payouts are a reward, not a safety property: a block without one is still valid.
            LogBitcoinUnavailable(_logger, ChainId, e);
            return null;
        }
    }

    /// <summary>
    /// The keystone of keystone block <paramref name="header"/>. Its L1 origin is Bitcoin here: the height of the tip the
    /// block committed to (0 when the source does not know it), looked up the same way whenever the keystone is rebuilt.
    /// </summary>
    private async Task<L2Keystone> KeystoneOfAsync(L2BlockHeader header)
    {
        var period = (ulong)_options.KeystonePeriod;
        var previous = header.Number >= 2 * period ? await HeaderAtAsync(header.Number - period) : null;
        var height = 0;
        if (_bitcoinSource is not null && !header.MixHash.IsZero)
        {
            height = (await _bitcoinSource.GetHeaderAsync(Hash256.FromInternal(header.MixHash.AsSpan())))?.Height ?? 0;
        }

        return KeystoneBuilder.FromBlocks(header, previous is null ? null : HashOf(previous), (uint)Math.Max(0, height), _options.KeystonePeriod);
    }

    /// <summary>Builds the keystone of <paramref name="header"/> and hands it to its <c>IKeystoneGrain</c> (idempotent).</summary>
    private async Task SubmitKeystoneAsync(L2BlockHeader header)
    {
        try
        {
            var keystone = await KeystoneOfAsync(header);
            var hash = keystone.Abbreviate().GetHash().ToString();
            await GrainFactory.GetGrain<IKeystoneGrain>(hash).SubmitAsync(keystone);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogKeystoneFailed(_logger, ChainId, header.Number, e);
        }
    }

    /// <summary>Tells every sender and recipient of the block's user transactions their balance, nonce and entries (fire and forget).</summary>
    private void PushAccountUpdates(SealedL2Block block, Hash32 blockHash, IReadOnlyList<Hash32> hashes)
    {
        var entries = AccountBlockEntries.Of(block, hashes);
        foreach (var (address, list) in entries)
        {
            var account = _state.GetAccount(address);
            var update = new AccountBlockUpdate(block.Header.Number, blockHash, account.Balance, account.Nonce, list);
            var task = GrainFactory.GetGrain<IAccountGrain>(address.ToLowerHexString()).ApplyBlockAsync(update);
            // Idempotent: a repeated update changes nothing, and one lost with the silo is caught up from the stored blocks.
            _ = task.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }
    }
}
