using System.Numerics;
using System.Text;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Protocol.L2.Fees;

namespace Hemi.Protocol.L2.State;

/// <summary>
/// A native ERC-20 with the storage layout of a plain Solidity token, so <c>eth_getStorageAt</c> and
/// <c>eth_getProof</c> give real answers: <c>balances</c> mapping at slot 0, <c>allowances</c> (owner → spender)
/// at slot 1, <c>totalSupply</c> at slot 2. Emits the standard <c>Transfer</c>/<c>Approval</c> logs.
/// </summary>
public sealed class NativeErc20
{
    /// <summary>keccak256("Transfer(address,address,uint256)").</summary>
    public static Hash32 TransferTopic { get; } = new(Keccak256.Hash("Transfer(address,address,uint256)"u8));

    /// <summary>keccak256("Approval(address,address,uint256)").</summary>
    public static Hash32 ApprovalTopic { get; } = new(Keccak256.Hash("Approval(address,address,uint256)"u8));

    public static Hash32 BalancesSlot { get; } = StorageSlots.Slot(0);

    public static Hash32 AllowancesSlot { get; } = StorageSlots.Slot(1);

    public static Hash32 TotalSupplySlot { get; } = StorageSlots.Slot(2);

    private static readonly BigInteger s_maxWord = (BigInteger.One << 256) - 1;

    private static readonly uint s_transfer = Selector("transfer(address,uint256)");
    private static readonly uint s_transferFrom = Selector("transferFrom(address,address,uint256)");
    private static readonly uint s_approve = Selector("approve(address,uint256)");
    private static readonly uint s_balanceOf = Selector("balanceOf(address)");
    private static readonly uint s_allowance = Selector("allowance(address,address)");
    private static readonly uint s_totalSupply = Selector("totalSupply()");
    private static readonly uint s_decimals = Selector("decimals()");
    private static readonly uint s_name = Selector("name()");
    private static readonly uint s_symbol = Selector("symbol()");

    public NativeErc20(Address address, string name, string symbol, byte decimals)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        if (name.Length > 31 || symbol.Length > 31)
        {
            throw new ArgumentException("Name and symbol are short strings (at most 31 bytes).");
        }

        Address = address;
        Name = name;
        Symbol = symbol;
        Decimals = decimals;
    }

    /// <summary>The Hemi governance token predeploy (18 decimals), which PoP payouts mint.</summary>
    public static NativeErc20 GovernanceToken { get; } = new(NativeContracts.GovernanceToken.Address, "Hemi", "HEMI", 18);

    /// <summary>hemiBTC, the tunnel's 8-decimal token; its address is chosen at deployment. Install its marker with <see cref="InstallCode"/>.</summary>
    public static NativeErc20 HemiBtc(Address address) => new(address, NativeContracts.HemiBtcName, NativeContracts.HemiBtcName, 8);

    /// <summary>Gives the token's address its marker code (<c>0xFE ‖ "hemi.native:" ‖ name</c>) so calls reach the native implementation.</summary>
    public void InstallCode(WorldState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.SetCode(Address, NativeContracts.MarkerCode(Name));
    }

    public Address Address { get; }

    public string Name { get; }

    public string Symbol { get; }

    public byte Decimals { get; }

    public static Hash32 BalanceSlot(Address holder) => StorageSlots.MappingKey(holder, BalancesSlot);

    public static Hash32 AllowanceSlot(Address owner, Address spender) =>
        StorageSlots.MappingKey(spender, StorageSlots.MappingKey(owner, AllowancesSlot));

    public BigInteger BalanceOf(WorldState state, Address holder) => state.GetStorage(Address, BalanceSlot(holder));

    public BigInteger Allowance(WorldState state, Address owner, Address spender) =>
        state.GetStorage(Address, AllowanceSlot(owner, spender));

    public BigInteger TotalSupply(WorldState state) => state.GetStorage(Address, TotalSupplySlot);

    /// <summary>Creates <paramref name="amount"/> tokens for <paramref name="to"/> (system only: deposits, PoP payouts).</summary>
    /// <exception cref="InvalidOperationException">The total supply would exceed 2^256 − 1.</exception>
    public Log Mint(WorldState state, Address to, BigInteger amount)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(amount.Sign, nameof(amount));
        var supply = TotalSupply(state) + amount;
        if (supply > s_maxWord)
        {
            throw new InvalidOperationException("Minting would overflow the total supply.");
        }

        state.SetStorage(Address, TotalSupplySlot, supply);
        state.SetStorage(Address, BalanceSlot(to), BalanceOf(state, to) + amount);
        return TransferLog(Address.Zero, to, amount);
    }

    /// <summary>
    /// Executes a call from <paramref name="caller"/>. Returns the outcome; on failure the caller reverts the state.
    /// Unknown selectors, malformed arguments, value sent to these non-payable functions and insufficient
    /// balance/allowance all revert.
    /// </summary>
    public NativeCallResult Call(WorldState state, Address caller, ReadOnlySpan<byte> data, BigInteger value)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (data.Length < 4)
        {
            return NativeCallResult.Revert(NativeCallFailure.UnknownFunction, "no function selector", 0);
        }

        var selector = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data);
        var args = data[4..];
        if (!value.IsZero)
        {
            return NativeCallResult.Revert("ERC-20 functions are not payable", 0);
        }

        if (selector == s_transfer && TryReadAddress(args, 0, out var to) && TryReadWord(args, 1, out var amount) && args.Length == 64)
        {
            return Move(state, caller, to, amount, GasSchedule.Erc20Transfer);
        }

        if (selector == s_transferFrom && TryReadAddress(args, 0, out var from) && TryReadAddress(args, 1, out to)
            && TryReadWord(args, 2, out amount) && args.Length == 96)
        {
            var allowance = Allowance(state, from, caller);
            if (allowance < amount)
            {
                return NativeCallResult.Revert("ERC20: insufficient allowance", GasSchedule.Erc20Transfer);
            }

            if (allowance != s_maxWord)
            {
                state.SetStorage(Address, AllowanceSlot(from, caller), allowance - amount);
            }

            return Move(state, from, to, amount, GasSchedule.Erc20Transfer);
        }

        if (selector == s_approve && TryReadAddress(args, 0, out var spender) && TryReadWord(args, 1, out amount) && args.Length == 64)
        {
            state.SetStorage(Address, AllowanceSlot(caller, spender), amount);
            return NativeCallResult.Success(GasSchedule.Erc20Approve, Word(1), [ApprovalLog(caller, spender, amount)]);
        }

        if (selector == s_balanceOf && TryReadAddress(args, 0, out var holder) && args.Length == 32)
        {
            return NativeCallResult.Success(GasSchedule.Erc20View, Word(BalanceOf(state, holder)), []);
        }

        if (selector == s_allowance && TryReadAddress(args, 0, out var owner) && TryReadAddress(args, 1, out spender) && args.Length == 64)
        {
            return NativeCallResult.Success(GasSchedule.Erc20View, Word(Allowance(state, owner, spender)), []);
        }

        if (args.IsEmpty)
        {
            if (selector == s_totalSupply)
            {
                return NativeCallResult.Success(GasSchedule.Erc20View, Word(TotalSupply(state)), []);
            }

            if (selector == s_decimals)
            {
                return NativeCallResult.Success(GasSchedule.Erc20View, Word(Decimals), []);
            }

            if (selector == s_name)
            {
                return NativeCallResult.Success(GasSchedule.Erc20View, AbiString(Name), []);
            }

            if (selector == s_symbol)
            {
                return NativeCallResult.Success(GasSchedule.Erc20View, AbiString(Symbol), []);
            }
        }

        return NativeCallResult.Revert(NativeCallFailure.UnknownFunction, $"unknown function or malformed arguments (selector 0x{selector:x8}) on {Symbol}", 0);
    }

    private NativeCallResult Move(WorldState state, Address from, Address to, BigInteger amount, ulong gas)
    {
        if (from == Address.Zero || to == Address.Zero)
        {
            return NativeCallResult.Revert("ERC20: transfer from or to the zero address", gas);
        }

        var fromBalance = BalanceOf(state, from);
        if (fromBalance < amount)
        {
            return NativeCallResult.Revert("ERC20: transfer amount exceeds balance", gas);
        }

        state.SetStorage(Address, BalanceSlot(from), fromBalance - amount);
        state.SetStorage(Address, BalanceSlot(to), BalanceOf(state, to) + amount);
        return NativeCallResult.Success(gas, Word(1), [TransferLog(from, to, amount)]);
    }

    private Log TransferLog(Address from, Address to, BigInteger amount) =>
        new(Address, [TransferTopic, AddressTopic(from), AddressTopic(to)], Word(amount));

    private Log ApprovalLog(Address owner, Address spender, BigInteger amount) =>
        new(Address, [ApprovalTopic, AddressTopic(owner), AddressTopic(spender)], Word(amount));

    private static Hash32 AddressTopic(Address address)
    {
        Span<byte> word = stackalloc byte[32];
        address.AsSpan().CopyTo(word[12..]);
        return new Hash32(word);
    }

    private static byte[] Word(BigInteger value)
    {
        var word = new byte[32];
        StorageSlots.WriteWord(value, word);
        return word;
    }

    private static byte[] AbiString(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var padded = (bytes.Length + 31) / 32 * 32;
        var result = new byte[64 + padded];
        result[31] = 0x20;
        StorageSlots.WriteWord(bytes.Length, result.AsSpan(32, 32));
        bytes.CopyTo(result, 64);
        return result;
    }

    private static bool TryReadWord(ReadOnlySpan<byte> args, int index, out BigInteger value)
    {
        value = default;
        if (args.Length < (index + 1) * 32)
        {
            return false;
        }

        value = new BigInteger(args.Slice(index * 32, 32), isUnsigned: true, isBigEndian: true);
        return true;
    }

    // Solidity rejects address arguments with dirty upper bytes; so do we.
    private static bool TryReadAddress(ReadOnlySpan<byte> args, int index, out Address address)
    {
        address = default;
        if (args.Length < (index + 1) * 32)
        {
            return false;
        }

        var word = args.Slice(index * 32, 32);
        if (word[..12].IndexOfAnyExcept((byte)0) >= 0)
        {
            return false;
        }

        address = new Address(word[12..]);
        return true;
    }

    private static uint Selector(string signature) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(Keccak256.Hash(Encoding.ASCII.GetBytes(signature)));
}
