using Hemi.Bitcoin;
using Hemi.Bitcoin.Node;
using Hemi.Ethereum;
using Hemi.Ethereum.Trie;
using Hemi.Grains.Chain;
using Hemi.Grains.Keystones;
using Hemi.Grains.L2;
using Hemi.Grains.Runtime;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.L2.Assembly;

namespace Hemi.Silo.Chain;

/// <summary>The chain as the silo's grains serve it: the sequencer of <see cref="ChainId"/>, block grains, the ingress worker, keystone grains and the Bitcoin chain grain.</summary>
/// <remarks>
/// Keystones are looked up in the registry; an old one is rebuilt from its blocks exactly as the sequencer builds it
/// (previous keystone block's hash from the second keystone on, L1 number = height of the Bitcoin tip committed in the
/// block's mixHash) and confirmed by its keystone grain.
/// </remarks>
public sealed class GrainL2Chain(IGrainFactory grains, IBitcoinSource bitcoin, ulong chainId, uint keystonePeriod, string bitcoinNetwork, string registryKey) : IL2Chain
{
    public ulong ChainId { get; } = chainId;

    private ISequencerGrain Sequencer => grains.GetGrain<ISequencerGrain>((long)ChainId);

    public Task<ChainHead> GetHeadAsync() => Sequencer.GetHeadAsync();

    public Task<SealedL2Block?> GetBlockAsync(ulong number) =>
        number > long.MaxValue ? Task.FromResult<SealedL2Block?>(null) : grains.GetGrain<IBlockGrain>((long)number).GetBlockAsync();

    public Task<ulong?> GetBlockNumberAsync(Hash32 blockHash) => Sequencer.GetBlockNumberAsync(blockHash);

    public Task<TransactionLocation?> GetTransactionLocationAsync(Hash32 transactionHash) => Sequencer.GetTransactionLocationAsync(transactionHash);

    public Task<SubmittedTransaction?> GetPendingTransactionAsync(Hash32 transactionHash) => Sequencer.GetPendingTransactionAsync(transactionHash);

    public Task<ulong> GetPendingNonceAsync(Address address) => Sequencer.GetPendingNonceAsync(address);

    public Task<AccountSnapshot> GetAccountAsync(Address address, ulong? blockNumber) => Sequencer.GetAccountAsync(address, blockNumber);

    public Task<Hash32> GetStorageAtAsync(Address address, Hash32 slot, ulong? blockNumber) => Sequencer.GetStorageAtAsync(address, slot, blockNumber);

    public Task<AccountProof> GetProofAsync(Address address, IReadOnlyList<Hash32> storageKeys, ulong? blockNumber) =>
        Sequencer.GetProofAsync(address, storageKeys, blockNumber);

    public Task<CallOutcome> CallAsync(CallRequest request, ulong? blockNumber) => Sequencer.CallAsync(request, blockNumber);

    public Task<ulong> EstimateGasAsync(CallRequest request) => Sequencer.EstimateGasAsync(request);

    public Task<Hash32> SendRawTransactionAsync(byte[] rawTransaction) =>
        grains.GetGrain<ITransactionIngressGrain>(0).SendRawTransactionAsync(rawTransaction);

    public Task<IReadOnlyList<L2Keystone>> GetLatestKeystonesAsync(int count) =>
        grains.GetGrain<IKeystoneRegistryGrain>(registryKey).GetLatestAsync(count);

    public async Task<IReadOnlyList<L2Keystone>> GetKeystoneChainAsync(string keystoneHash, int maxDescendants)
    {
        var chain = await grains.GetGrain<IKeystoneRegistryGrain>(registryKey).GetChainFromAsync(keystoneHash);
        return chain.Count <= maxDescendants + 1 ? chain : chain.Take(maxDescendants + 1).ToArray();
    }

    public async Task<L2Keystone?> FindKeystoneByBlockAsync(ulong keystoneBlockNumber)
    {
        if (!KeystoneBuilder.IsKeystone(keystoneBlockNumber, keystonePeriod) || keystoneBlockNumber > uint.MaxValue)
        {
            return null;
        }

        var block = await GetBlockAsync(keystoneBlockNumber);
        if (block is null)
        {
            return null;
        }

        Hash32? previous = null;
        if (keystoneBlockNumber >= 2UL * keystonePeriod)
        {
            previous = (await GetBlockAsync(keystoneBlockNumber - keystonePeriod))?.Header.Hash;
            if (previous is null)
            {
                return null;
            }
        }

        var height = 0;
        if (!block.Header.MixHash.IsZero)
        {
            height = (await bitcoin.GetHeaderAsync(Hash256.FromInternal(block.Header.MixHash.AsSpan())))?.Height ?? 0;
        }

        var keystone = KeystoneBuilder.FromBlocks(block.Header, previous, (uint)Math.Max(0, height), keystonePeriod);
        var stored = await grains.GetGrain<IKeystoneGrain>(KeystoneText.HashOf(keystone)).GetKeystoneAsync();
        return stored is not null && stored.ContentEquals(keystone) ? stored : null;
    }

    public Task<KeystoneFinalityInfo?> GetKeystoneFinalityAsync(string keystoneHash) =>
        grains.GetGrain<IKeystoneGrain>(keystoneHash).GetFinalityAsync();

    public Task<BitcoinTip> GetBitcoinTipAsync() => grains.GetGrain<IBitcoinChainGrain>(bitcoinNetwork).GetTipAsync();
}
