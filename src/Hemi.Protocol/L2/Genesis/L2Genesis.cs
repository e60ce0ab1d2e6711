using System.Numerics;
using Hemi.Ethereum;
using Hemi.Ethereum.Trie;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Fees;
using Hemi.Protocol.L2.State;

namespace Hemi.Protocol.L2.Genesis;

/// <summary>
/// The parameters of an L2 chain's block 0. <see cref="Build"/> turns them into the genesis header and world state,
/// deterministically: the same parameters give the same state root and block hash on every node.
/// </summary>
/// <remarks>
/// The state holds the native contracts' marker code (hVM state, governance token, and hemiBTC when
/// <see cref="HemiBtcAddress"/> is set), the ETH balances of <see cref="Alloc"/>, the token balances of
/// <see cref="HemiBtcAlloc"/> and <see cref="HemiAlloc"/> (minted, so total supplies match), and, when
/// <see cref="HvmGenesis"/> is set, the hVM state as if that attributes call had run in block 0. The header is
/// an L2-shaped London header: number 0, zero parent, empty transactions and receipts, the Bitcoin tip of
/// <see cref="HvmGenesis"/> (internal byte order, or zero) as mixHash.
/// </remarks>
public sealed record L2Genesis
{
    /// <summary>The EIP-155 chain id (e.g. 43111 mainnet, 743111 testnet).</summary>
    public required ulong ChainId { get; init; }

    public ulong GasLimit { get; init; } = 30_000_000;

    /// <summary>The genesis block's base fee; block 1's follows from it by the EIP-1559 rule.</summary>
    public BigInteger BaseFee { get; init; } = Fees.BaseFee.Initial;

    /// <summary>Unix seconds.</summary>
    public ulong Timestamp { get; init; }

    /// <summary>At most 32 bytes.</summary>
    public ReadOnlyMemory<byte> ExtraData { get; init; }

    /// <summary>ETH balances in wei.</summary>
    public IReadOnlyDictionary<Address, BigInteger> Alloc { get; init; } = new Dictionary<Address, BigInteger>();

    /// <summary>Where hemiBTC is deployed; <see langword="null"/> for a chain without it.</summary>
    public Address? HemiBtcAddress { get; init; }

    /// <summary>hemiBTC balances in sats (8 decimals). Requires <see cref="HemiBtcAddress"/>.</summary>
    public IReadOnlyDictionary<Address, BigInteger> HemiBtcAlloc { get; init; } = new Dictionary<Address, BigInteger>();

    /// <summary>HEMI governance token balances in base units (18 decimals).</summary>
    public IReadOnlyDictionary<Address, BigInteger> HemiAlloc { get; init; } = new Dictionary<Address, BigInteger>();

    /// <summary>The Bitcoin view the chain starts from (the hVM genesis header(s) and tip), recorded in block 0.</summary>
    public BitcoinAttributesCall? HvmGenesis { get; init; }

    /// <summary>The native tokens this chain runs: the governance token, and hemiBTC when configured.</summary>
    public IReadOnlyList<NativeErc20> Tokens =>
        HemiBtcAddress is { } hemiBtc ? [NativeErc20.GovernanceToken, NativeErc20.HemiBtc(hemiBtc)] : [NativeErc20.GovernanceToken];

    /// <summary>A native engine that knows this chain's tokens.</summary>
    public NativeExecutionEngine CreateEngine(IBitcoinView? bitcoinView = null) =>
        new(Tokens.Where(t => t.Address != NativeErc20.GovernanceToken.Address)) { BitcoinView = bitcoinView };

    /// <summary>Builds the genesis state in <paramref name="store"/> (a new in-memory store when null), commits it, and seals the header.</summary>
    /// <exception cref="ArgumentException">Out-of-range parameters (zero chain id, gas limit below the minimum, negative amounts, hemiBTC balances without an address).</exception>
    public L2GenesisBlock Build(ITrieNodeStore? store = null)
    {
        if (ChainId == 0)
        {
            throw new ArgumentException("The chain id must be positive.", nameof(ChainId));
        }

        if (GasLimit < NativeExecutionEngine.MinGasLimit)
        {
            throw new ArgumentException($"The gas limit must be at least {NativeExecutionEngine.MinGasLimit}.", nameof(GasLimit));
        }

        if (BaseFee.Sign < 0)
        {
            throw new ArgumentException("The base fee cannot be negative.", nameof(BaseFee));
        }

        if (HemiBtcAddress is null && HemiBtcAlloc.Count > 0)
        {
            throw new ArgumentException("hemiBTC balances need a hemiBTC address.", nameof(HemiBtcAlloc));
        }

        var state = new WorldState(store ?? new InMemoryTrieNodeStore(), PatriciaTrie.EmptyRootHash);
        NativeContracts.Install(state);
        foreach (var (address, balance) in Sorted(Alloc, nameof(Alloc)))
        {
            state.AddBalance(address, balance);
        }

        if (HemiBtcAddress is { } hemiBtcAddress)
        {
            var hemiBtc = NativeErc20.HemiBtc(hemiBtcAddress);
            hemiBtc.InstallCode(state);
            foreach (var (holder, amount) in Sorted(HemiBtcAlloc, nameof(HemiBtcAlloc)))
            {
                hemiBtc.Mint(state, holder, amount);
            }
        }

        foreach (var (holder, amount) in Sorted(HemiAlloc, nameof(HemiAlloc)))
        {
            NativeErc20.GovernanceToken.Mint(state, holder, amount);
        }

        if (HvmGenesis is { } hvm)
        {
            HvmStateLayout.Apply(state, hvm, 0);
        }

        var stateRoot = state.Commit();
        var header = new L2BlockHeader
        {
            ParentHash = Hash32.Zero,
            Coinbase = Address.Zero,
            StateRoot = stateRoot,
            Number = 0,
            GasLimit = GasLimit,
            GasUsed = 0,
            Timestamp = Timestamp,
            ExtraData = ExtraData,
            MixHash = HvmGenesis is { } call ? new Hash32(call.CanonicalTip.ToInternalBytes()) : Hash32.Zero,
            BaseFeePerGas = BaseFee,
        };
        return new L2GenesisBlock(header, state);
    }

    private static IEnumerable<KeyValuePair<Address, BigInteger>> Sorted(IReadOnlyDictionary<Address, BigInteger> amounts, string name)
    {
        ArgumentNullException.ThrowIfNull(amounts, name);
        foreach (var entry in amounts.OrderBy(e => e.Key))
        {
            if (entry.Value.Sign < 0)
            {
                throw new ArgumentException($"{name}: the amount for {entry.Key} is negative.", name);
            }

            yield return entry;
        }
    }
}
