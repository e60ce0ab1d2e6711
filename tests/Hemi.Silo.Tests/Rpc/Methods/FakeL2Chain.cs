using System.Numerics;
using Hemi.Ethereum;
using Hemi.Ethereum.Trie;
using Hemi.Grains.Chain;
using Hemi.Grains.Keystones;
using Hemi.Grains.L2;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.L2.Assembly;
using Hemi.Silo.Chain;

namespace Hemi.Silo.Tests.Rpc.Methods;

/// <summary>A scripted <see cref="IL2Chain"/> for handler tests: a head, pending transactions, nonces and canned call outcomes.</summary>
public sealed class FakeL2Chain : IL2Chain
{
    public ulong ChainId => 7;

    public ChainHead Head { get; set; } = new(7, 10, Hash32.Zero, 1_700_000_000, 30_000_000, 1_000_000_000);

    public Dictionary<Hash32, SubmittedTransaction> Pending { get; } = [];

    public Dictionary<Address, ulong> PendingNonces { get; } = [];

    public Dictionary<Address, ulong> Nonces { get; } = [];

    public List<ulong?> StateBlocksAsked { get; } = [];

    public CallOutcome CallResult { get; set; } = new(true, [], 0, null);

    public Func<byte[], Hash32> Send { get; set; } = _ => throw new TransactionRejectedException(TransactionRejectionReason.Malformed, "not scripted");

    public Task<ChainHead> GetHeadAsync() => Task.FromResult(Head);

    /// <summary>Sealed blocks by number (none unless a test adds them).</summary>
    public Dictionary<ulong, SealedL2Block> Blocks { get; } = [];

    public Task<SealedL2Block?> GetBlockAsync(ulong number) => Task.FromResult(Blocks.GetValueOrDefault(number));

    public Task<ulong?> GetBlockNumberAsync(Hash32 blockHash) => Task.FromResult<ulong?>(null);

    public Task<TransactionLocation?> GetTransactionLocationAsync(Hash32 transactionHash) =>
        Task.FromResult(Pending.ContainsKey(transactionHash) ? new TransactionLocation(transactionHash, null, 0) : null);

    public Task<SubmittedTransaction?> GetPendingTransactionAsync(Hash32 transactionHash) =>
        Task.FromResult(Pending.GetValueOrDefault(transactionHash));

    public Task<ulong> GetPendingNonceAsync(Address address) => Task.FromResult(PendingNonces.GetValueOrDefault(address));

    public Task<AccountSnapshot> GetAccountAsync(Address address, ulong? blockNumber)
    {
        StateBlocksAsked.Add(blockNumber);
        return Task.FromResult(new AccountSnapshot(address, blockNumber ?? Head.Number, BigInteger.One, Nonces.GetValueOrDefault(address), Hash32.Zero, []));
    }

    public Task<Hash32> GetStorageAtAsync(Address address, Hash32 slot, ulong? blockNumber) => Task.FromResult(slot);

    public Task<AccountProof> GetProofAsync(Address address, IReadOnlyList<Hash32> storageKeys, ulong? blockNumber) =>
        throw new StateUnavailableException(blockNumber ?? 0, "pruned");

    public Task<CallOutcome> CallAsync(CallRequest request, ulong? blockNumber) => Task.FromResult(CallResult);

    public Task<ulong> EstimateGasAsync(CallRequest request) =>
        throw new CallRevertedException("always fails", [0xde, 0xad]);

    public Task<Hash32> SendRawTransactionAsync(byte[] rawTransaction) => Task.FromResult(Send(rawTransaction));

    public Task<IReadOnlyList<L2Keystone>> GetLatestKeystonesAsync(int count) => Task.FromResult<IReadOnlyList<L2Keystone>>([]);

    public Task<IReadOnlyList<L2Keystone>> GetKeystoneChainAsync(string keystoneHash, int maxDescendants) => Task.FromResult<IReadOnlyList<L2Keystone>>([]);

    public Task<L2Keystone?> FindKeystoneByBlockAsync(ulong keystoneBlockNumber) => Task.FromResult<L2Keystone?>(null);

    public Task<KeystoneFinalityInfo?> GetKeystoneFinalityAsync(string keystoneHash) => Task.FromResult<KeystoneFinalityInfo?>(null);

    public Task<BitcoinTip> GetBitcoinTipAsync() => Task.FromResult(new BitcoinTip(-1, ""));
}
