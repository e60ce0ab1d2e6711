using System.Numerics;
using Hemi.Ethereum;
using Hemi.Ethereum.Abi;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Transactions;
using Hemi.Protocol.Chain;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.Hvm.Precompiles;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Fees;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Protocol.L2.Execution;

/// <summary>
/// Executes L2 blocks natively (no EVM): ETH transfers with EIP-1559 fee accounting, the native ERC-20s, and the
/// two system transactions.
/// </summary>
/// <remarks>
/// Rules that differ from a full EVM, on purpose:
/// <list type="bullet">
/// <item>A transaction without a recipient is rejected (<see cref="ExecutionError.ContractCreationNotSupported"/>): "contract creation is not supported".</item>
/// <item>Calling an account without code transfers the value and ignores the data (as the EVM does).</item>
/// <item>Calling an account with code that the engine does not implement (or the hVM state contract from a user)
/// gives a <b>reverted receipt</b> (status 0, <see cref="NativeCallFailure.UnsupportedContract"/>) charging only the
/// intrinsic gas: nonce and fees are taken, the value stays.</item>
/// <item>Calling an hVM precompile (0x40–0x46) runs it against <see cref="BitcoinView"/> (or the view given to
/// <see cref="SimulateCall(WorldState, Address, Address, byte[], BigInteger, IBitcoinView?)"/>) for its fixed gas;
/// without a view the call reverts (<see cref="NativeCallFailure.BitcoinViewUnavailable"/>).</item>
/// <item>A native ERC-20 call that reverts (insufficient balance or allowance, malformed arguments, value sent)
/// charges intrinsic gas plus the function's fixed cost from <see cref="GasSchedule"/> (nothing extra for an unknown
/// selector); a call whose fixed cost exceeds the gas limit runs out of gas and consumes the whole limit.</item>
/// <item>Unprotected (pre-EIP-155) legacy transactions are rejected.</item>
/// <item>System transactions are gas-free (they add 0 to the block's gas used) and any malformed one invalidates the block.</item>
/// </list>
/// Two kinds of failure, kept apart on purpose: a transaction that cannot be executed at all (contract creation, bad
/// signature, nonce, fees, gas) is <b>rejected before execution</b> with an <see cref="ExecutionException"/> whose
/// <see cref="ExecutionError"/> says why (the sequencer drops it; in a block it makes the block invalid); a transaction
/// that executes but fails gives a <b>reverted receipt</b> whose <see cref="TransactionResult.Failure"/> says why.
/// </remarks>
public sealed class NativeExecutionEngine : IExecutionEngine
{
    /// <summary>The gas limit may change by less than parent/1024 per block.</summary>
    public const ulong GasLimitBoundDivisor = 1024;

    /// <summary>The smallest gas limit a block may have.</summary>
    public const ulong MinGasLimit = 5000;

    private readonly IReadOnlyDictionary<Address, NativeErc20> _tokens;

    /// <summary>
    /// The Bitcoin view hVM precompile calls read, for transactions and for <c>eth_call</c> without an explicit view.
    /// Must be deterministic for the block being executed; <see langword="null"/> makes precompile calls revert.
    /// </summary>
    public IBitcoinView? BitcoinView { get; init; }

    /// <summary>An engine with the governance token plus the given extra native tokens (e.g. hemiBTC).</summary>
    public NativeExecutionEngine(IEnumerable<NativeErc20>? extraTokens = null)
    {
        var tokens = new Dictionary<Address, NativeErc20> { [NativeErc20.GovernanceToken.Address] = NativeErc20.GovernanceToken };
        foreach (var token in extraTokens ?? [])
        {
            tokens[token.Address] = token;
        }

        _tokens = tokens;
    }

    public BlockExecutionResult ExecuteBlock(L2BlockHeader parent, WorldState state, IReadOnlyList<L2Transaction> transactions, BlockContext context)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(context);
        ValidateContext(parent, context);

        // Sender recovery is the dominant cost of a block and independent per transaction: do it on every core first,
        // then apply in order. A transaction whose recovery fails gets no sender here and fails in order below, with
        // the same typed error as before.
        var senders = RecoverSenders(transactions, context.ChainId);
        var start = state.Snapshot();
        var results = new List<TransactionResult>(transactions.Count);
        var bloom = new Bloom();
        ulong gasUsed = 0;
        for (var i = 0; i < transactions.Count; i++)
        {
            TransactionResult result;
            try
            {
                result = senders[i] is { } sender && transactions[i] is UserTransaction user
                    ? ApplyUser(state, user.Transaction, context, gasUsed, sender)
                    : ApplyTransaction(state, transactions[i], context, gasUsed);
            }
            catch (ExecutionException e)
            {
                state.Revert(start);
                throw e.AtIndex(i);
            }

            gasUsed = result.Receipt.CumulativeGasUsed;
            bloom.Or(result.Receipt.Bloom);
            results.Add(result);
        }

        return new BlockExecutionResult(results, gasUsed, bloom, state.StateRoot);
    }

    public TransactionResult ApplyTransaction(WorldState state, L2Transaction transaction, BlockContext context, ulong cumulativeGasUsed)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(context);
        return transaction switch
        {
            UserTransaction user => ApplyUser(state, user.Transaction, context, cumulativeGasUsed),
            BitcoinAttributesTransaction attributes => ApplyAttributes(state, attributes, context, cumulativeGasUsed),
            PopPayoutTransaction payout => ApplyPayout(state, payout, cumulativeGasUsed),
            _ => throw new ExecutionException(ExecutionError.InvalidSystemTransaction, $"Unsupported transaction type 0x{transaction.TypeByte:x2}."),
        };
    }

    /// <summary>
    /// Applies a user transaction whose sender the caller already recovered from this very transaction under
    /// <paramref name="context"/>'s chain id (the sequencer's ingress does, once per transaction), so the signature is
    /// not recovered a second time. Everything else — chain id, nonce, balance, fees, gas — is checked as in
    /// <see cref="ApplyTransaction(WorldState, L2Transaction, BlockContext, ulong)"/>.
    /// </summary>
    /// <exception cref="ExecutionException">The transaction is not executable; the state is left unchanged.</exception>
    public TransactionResult ApplyTransaction(WorldState state, UserTransaction transaction, Address recoveredSender, BlockContext context, ulong cumulativeGasUsed)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(context);
        var tx = transaction.Transaction;
        if (tx.ChainId is not { } chainId)
        {
            throw new ExecutionException(ExecutionError.InvalidSignature, "Invalid signature: The transaction has no EIP-155 chain id.");
        }

        if (chainId != context.ChainId)
        {
            throw new ExecutionException(
                ExecutionError.InvalidSignature, $"Invalid signature: The transaction is for chain {chainId}, expected {context.ChainId}.");
        }

        return ApplyUser(state, tx, context, cumulativeGasUsed, recoveredSender);
    }

    private static Address?[] RecoverSenders(IReadOnlyList<L2Transaction> transactions, ulong chainId)
    {
        var senders = new Address?[transactions.Count];
        Parallel.For(0, transactions.Count, i =>
        {
            if (transactions[i] is UserTransaction user)
            {
                try
                {
                    senders[i] = user.Transaction.RecoverSender(chainId, allowUnprotected: false);
                }
                catch (TransactionValidationException)
                {
                    // Left null: the in-order application recovers again and reports the typed error at this index.
                }
            }
        });
        return senders;
    }

    /// <summary>
    /// Runs a call without committing anything (<c>eth_call</c>): value moves and token writes are reverted before
    /// returning. Nonce, signature and fee rules are not applied.
    /// </summary>
    public NativeCallResult SimulateCall(WorldState state, Address from, Address to, byte[] data, BigInteger value) =>
        SimulateCall(state, from, to, data, value, BitcoinView);

    /// <summary>
    /// <c>eth_call</c> with an explicit Bitcoin view for hVM precompiles 0x40–0x46 (e.g. an <see cref="HvmStateBitcoinView"/>
    /// of the block the call runs against). Without a view, precompile calls fail with
    /// <see cref="NativeCallFailure.BitcoinViewUnavailable"/>.
    /// </summary>
    public NativeCallResult SimulateCall(WorldState state, Address from, Address to, byte[] data, BigInteger value, IBitcoinView? bitcoinView)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(data);
        var snapshot = state.Snapshot();
        try
        {
            if (state.GetBalance(from) < value)
            {
                return NativeCallResult.Revert(NativeCallFailure.InsufficientBalance, "insufficient balance for the call value", 0);
            }

            return Call(state, from, to, data, value, bitcoinView);
        }
        finally
        {
            state.Revert(snapshot);
        }
    }

    private static void ValidateContext(L2BlockHeader parent, BlockContext context)
    {
        if (context.Number != parent.Number + 1)
        {
            throw new ExecutionException(ExecutionError.InvalidBlockContext, $"Block {context.Number} cannot follow block {parent.Number}.");
        }

        if (context.Timestamp <= parent.Timestamp)
        {
            throw new ExecutionException(ExecutionError.InvalidBlockContext, "The block timestamp must be after its parent's.");
        }

        // Ethereum's gas-limit rule: a child may move the limit by less than parent/1024, and never below 5000.
        var maxDelta = parent.GasLimit / GasLimitBoundDivisor;
        var delta = context.GasLimit > parent.GasLimit ? context.GasLimit - parent.GasLimit : parent.GasLimit - context.GasLimit;
        if (context.GasLimit < MinGasLimit || delta >= Math.Max(maxDelta, 1))
        {
            throw new ExecutionException(ExecutionError.InvalidBlockContext, $"Gas limit {context.GasLimit} is out of bounds after {parent.GasLimit}.");
        }

        var expected = parent.BaseFeePerGas is { } parentBaseFee
            ? BaseFee.Next(parent.GasLimit, parent.GasUsed, parentBaseFee)
            : BaseFee.Initial;
        if (context.BaseFee != expected)
        {
            throw new ExecutionException(ExecutionError.InvalidBlockContext, $"Base fee {context.BaseFee} differs from the expected {expected}.");
        }
    }

    private TransactionResult ApplyUser(WorldState state, EthereumTransaction tx, BlockContext context, ulong cumulativeGasUsed, Address? recoveredSender = null)
    {
        Address sender;
        if (recoveredSender is { } known)
        {
            sender = known;
        }
        else
        {
            try
            {
                sender = tx.RecoverSender(context.ChainId, allowUnprotected: false);
            }
            catch (TransactionValidationException e)
            {
                throw new ExecutionException(ExecutionError.InvalidSignature, "Invalid signature: " + e.Message);
            }
        }

        if (tx.To is not { } to)
        {
            throw new ExecutionException(ExecutionError.ContractCreationNotSupported, "contract creation is not supported");
        }

        var accountNonce = state.GetNonce(sender);
        if (tx.Nonce < accountNonce)
        {
            throw new ExecutionException(ExecutionError.NonceTooLow, $"Nonce {tx.Nonce} is below the account nonce {accountNonce}.");
        }

        if (tx.Nonce > accountNonce)
        {
            throw new ExecutionException(ExecutionError.NonceTooHigh, $"Nonce {tx.Nonce} is above the account nonce {accountNonce}.");
        }

        if (state.GetCodeHash(sender) != Hemi.Ethereum.Trie.AccountState.EmptyCodeHash)
        {
            throw new ExecutionException(ExecutionError.SenderHasCode, $"Sender {sender} has code (EIP-3607).");
        }

        if (cumulativeGasUsed > context.GasLimit || tx.GasLimit > context.GasLimit - cumulativeGasUsed)
        {
            throw new ExecutionException(ExecutionError.BlockGasLimitReached, $"Gas limit {tx.GasLimit} does not fit in the block.");
        }

        var intrinsic = GasSchedule.IntrinsicGas(tx);
        if (intrinsic > tx.GasLimit)
        {
            throw new ExecutionException(ExecutionError.IntrinsicGasTooLow, $"Gas limit {tx.GasLimit} is below the intrinsic gas {intrinsic}.");
        }

        var (feeCap, effectivePrice) = Prices(tx, context.BaseFee);
        var maxCost = (tx.GasLimit * feeCap) + tx.Value;
        var balance = state.GetBalance(sender);
        if (balance < maxCost)
        {
            throw new ExecutionException(ExecutionError.InsufficientFunds, $"Balance {balance} is below gasLimit·feeCap + value = {maxCost}.");
        }

        // Buy all the gas up front, then run the call in its own snapshot so a revert keeps the fee and nonce.
        state.SetNonce(sender, accountNonce + 1);
        state.SubtractBalance(sender, tx.GasLimit * effectivePrice);
        var callSnapshot = state.Snapshot();
        var call = Call(state, sender, to, tx.Data, tx.Value, BitcoinView);
        var executionGas = call.Gas;
        if (!call.Succeeded || intrinsic + executionGas > tx.GasLimit)
        {
            state.Revert(callSnapshot);
        }

        string? failure = call.RevertReason;
        var failureKind = call.Failure;
        var succeeded = call.Succeeded;
        if (succeeded && intrinsic + executionGas > tx.GasLimit)
        {
            succeeded = false;
            failure = "out of gas";
            failureKind = NativeCallFailure.OutOfGas;
            executionGas = tx.GasLimit - intrinsic;
        }

        if (!succeeded)
        {
            failureKind ??= NativeCallFailure.Reverted;
        }

        var gasUsed = Math.Min(tx.GasLimit, intrinsic + executionGas);
        state.AddBalance(sender, (tx.GasLimit - gasUsed) * effectivePrice);
        state.AddBalance(context.Coinbase, gasUsed * (effectivePrice - context.BaseFee));
        // gasUsed · baseFee is burned: it simply leaves the sender and reaches nobody.
        var receipt = Receipt.Create(tx.Type, succeeded, cumulativeGasUsed + gasUsed, succeeded ? call.Logs : []);
        return new TransactionResult(receipt, sender, gasUsed, effectivePrice, failure) { Failure = succeeded ? null : failureKind };
    }

    private static (BigInteger FeeCap, BigInteger EffectivePrice) Prices(EthereumTransaction tx, BigInteger baseFee)
    {
        if (tx is DynamicFeeTransaction dynamic)
        {
            if (dynamic.MaxPriorityFeePerGas > dynamic.MaxFeePerGas)
            {
                throw new ExecutionException(ExecutionError.TipAboveFeeCap, "maxPriorityFeePerGas exceeds maxFeePerGas.");
            }

            if (dynamic.MaxFeePerGas < baseFee)
            {
                throw new ExecutionException(ExecutionError.FeeCapBelowBaseFee, $"maxFeePerGas {dynamic.MaxFeePerGas} is below the base fee {baseFee}.");
            }

            return (dynamic.MaxFeePerGas, BigInteger.Min(dynamic.MaxFeePerGas, baseFee + dynamic.MaxPriorityFeePerGas));
        }

        var gasPrice = tx switch
        {
            LegacyTransaction legacy => legacy.GasPrice,
            AccessListTransaction accessList => accessList.GasPrice,
            _ => throw new ExecutionException(ExecutionError.InvalidSignature, $"Unsupported transaction type {tx.Type}."),
        };
        if (gasPrice < baseFee)
        {
            throw new ExecutionException(ExecutionError.FeeCapBelowBaseFee, $"gasPrice {gasPrice} is below the base fee {baseFee}.");
        }

        return (gasPrice, gasPrice);
    }

    private NativeCallResult Call(WorldState state, Address sender, Address to, byte[] data, BigInteger value, IBitcoinView? bitcoinView)
    {
        if (HvmPrecompiles.TryGet(to, out var precompile))
        {
            return CallPrecompile(state, sender, to, precompile, data, value, bitcoinView);
        }

        if (state.GetCodeHash(to) == Hemi.Ethereum.Trie.AccountState.EmptyCodeHash)
        {
            state.SubtractBalance(sender, value);
            state.AddBalance(to, value);
            return NativeCallResult.Success(0, [], []);
        }

        if (_tokens.TryGetValue(to, out var token))
        {
            return token.Call(state, sender, data, value);
        }

        return NativeCallResult.Revert(NativeCallFailure.UnsupportedContract, $"calls to contract {to} are not supported by the native engine", 0);
    }

    // As in the EVM, the value moves to the precompile's account; a failed call is reverted by the caller.
    private static NativeCallResult CallPrecompile(WorldState state, Address sender, Address to, HvmPrecompile precompile, byte[] data, BigInteger value, IBitcoinView? bitcoinView)
    {
        var result = HvmPrecompiles.Run(precompile, data, bitcoinView);
        if (result.Status == HvmPrecompileStatus.BitcoinViewUnavailable)
        {
            return NativeCallResult.Revert(NativeCallFailure.BitcoinViewUnavailable, result.Reason ?? "no Bitcoin view", result.Gas);
        }

        state.SubtractBalance(sender, value);
        state.AddBalance(to, value);
        return NativeCallResult.Success(result.Gas, result.Output, []) with { Diagnostic = result.Reason };
    }

    /// <summary>
    /// <c>eth_estimateGas</c>: the gas limit a transaction from <paramref name="from"/> needs: intrinsic gas (base,
    /// calldata, access list) plus the native call's fixed cost from <see cref="GasSchedule"/>, computed by running the
    /// call on a snapshot that is reverted. Nonce and fee rules are not applied.
    /// </summary>
    /// <exception cref="ExecutionException"><paramref name="to"/> is <see langword="null"/>: contract creation is not supported.</exception>
    public GasEstimate EstimateGas(
        WorldState state,
        Address from,
        Address? to,
        byte[] data,
        BigInteger value,
        IReadOnlyList<AccessListEntry>? accessList = null,
        IBitcoinView? bitcoinView = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(data);
        if (to is not { } target)
        {
            throw new ExecutionException(ExecutionError.ContractCreationNotSupported, "contract creation is not supported");
        }

        var intrinsic = GasSchedule.IntrinsicGas(data, isContractCreation: false, accessList ?? []);
        var call = SimulateCall(state, from, target, data, value, bitcoinView ?? BitcoinView);
        return new GasEstimate(intrinsic + call.Gas, intrinsic, call);
    }

    private static TransactionResult ApplyAttributes(WorldState state, BitcoinAttributesTransaction tx, BlockContext context, ulong cumulativeGasUsed)
    {
        if (tx.To != SystemAddresses.HvmState)
        {
            throw new ExecutionException(ExecutionError.InvalidSystemTransaction, $"A Bitcoin attributes transaction must call {SystemAddresses.HvmState}.");
        }

        Hemi.Protocol.Hvm.BitcoinAttributesCall call;
        try
        {
            call = tx.DecodeCall();
        }
        catch (Exception e) when (e is AbiException or ArgumentException or FormatException)
        {
            throw new ExecutionException(ExecutionError.InvalidSystemTransaction, "Malformed updateHvmState call data: " + e.Message);
        }

        HvmStateLayout.Apply(state, call, context.Number);
        var receipt = Receipt.Create((TransactionType)L2TransactionType.BitcoinAttributes, true, cumulativeGasUsed, []);
        return new TransactionResult(receipt, tx.Sender, 0, BigInteger.Zero, null);
    }

    private TransactionResult ApplyPayout(WorldState state, PopPayoutTransaction tx, ulong cumulativeGasUsed)
    {
        if (tx.To is not { } to || !_tokens.TryGetValue(to, out var token) || to != SystemAddresses.GovernanceToken)
        {
            throw new ExecutionException(ExecutionError.InvalidSystemTransaction, $"A PoP payout transaction must call {SystemAddresses.GovernanceToken}.");
        }

        Hemi.Protocol.Pop.PopPayoutCall call;
        try
        {
            call = tx.DecodeRewards();
        }
        catch (Exception e) when (e is AbiException or ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new ExecutionException(ExecutionError.InvalidSystemTransaction, "Malformed mintPoPRewards call data: " + e.Message);
        }

        var snapshot = state.Snapshot();
        var logs = new List<Log>(call.Miners.Count);
        try
        {
            for (var i = 0; i < call.Miners.Count; i++)
            {
                logs.Add(token.Mint(state, call.Miners[i], call.Amounts[i]));
            }
        }
        catch (InvalidOperationException e)
        {
            state.Revert(snapshot);
            throw new ExecutionException(ExecutionError.InvalidSystemTransaction, "PoP payout cannot be minted: " + e.Message);
        }

        var receipt = Receipt.Create((TransactionType)L2TransactionType.PopPayout, true, cumulativeGasUsed, logs);
        return new TransactionResult(receipt, tx.Sender, 0, BigInteger.Zero, null);
    }
}
