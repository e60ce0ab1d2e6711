using System.Numerics;
using Hemi.Ethereum;
using Hemi.Protocol.Hvm;

namespace Hemi.Protocol.L2.State;

/// <summary>
/// Where the hVM state predeploy keeps what <c>updateHvmState</c> delivers, in Solidity-compatible slots so
/// <c>eth_getStorageAt</c>/<c>eth_getProof</c> can read it:
/// <list type="bullet">
/// <item>slot 0 — the canonical Bitcoin tip hash (bytes32, internal byte order as in the call data);</item>
/// <item>slot 1 — the number of headers recorded so far (the length of a <c>bytes32[3][]</c>-like array);</item>
/// <item>slot 2 — the L2 block number of the last update;</item>
/// <item>header i (0-based, in arrival order) — three words from keccak256(pad32(1)) + 3·i: bytes 0–31, 32–63,
/// and 64–79 left-aligned with 16 zero bytes.</item>
/// </list>
/// </summary>
public static class HvmStateLayout
{
    public static Hash32 TipSlot { get; } = StorageSlots.Slot(0);

    public static Hash32 HeaderCountSlot { get; } = StorageSlots.Slot(1);

    public static Hash32 LastUpdateBlockSlot { get; } = StorageSlots.Slot(2);

    private const int WordsPerHeader = 3;

    /// <summary>Records <paramref name="call"/> in the hVM state contract's storage.</summary>
    public static void Apply(WorldState state, BitcoinAttributesCall call, ulong l2BlockNumber)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(call);
        var contract = NativeContracts.HvmState.Address;
        state.SetStorage(contract, TipSlot, StorageSlots.ToInteger(new Hash32(call.CanonicalTip.ToInternalBytes())));
        var count = (ulong)state.GetStorage(contract, HeaderCountSlot);
        var dataStart = StorageSlots.ArrayData(HeaderCountSlot);
        Span<byte> word = stackalloc byte[32];
        foreach (var header in call.Headers)
        {
            for (var w = 0; w < WordsPerHeader; w++)
            {
                word.Clear();
                var chunk = header.AsSpan(w * 32, Math.Min(32, header.Length - (w * 32)));
                chunk.CopyTo(word);
                var slot = StorageSlots.Offset(dataStart, (count * WordsPerHeader) + (ulong)w);
                state.SetStorage(contract, slot, new BigInteger(word, isUnsigned: true, isBigEndian: true));
            }

            count++;
        }

        state.SetStorage(contract, HeaderCountSlot, count);
        state.SetStorage(contract, LastUpdateBlockSlot, l2BlockNumber);
    }

    /// <summary>The canonical tip recorded in <paramref name="state"/> (internal byte order), zero before the first update.</summary>
    public static Hash32 ReadTip(WorldState state) =>
        StorageSlots.FromInteger(state.GetStorage(NativeContracts.HvmState.Address, TipSlot));

    /// <summary>How many headers the 0x7C transactions have recorded in <paramref name="state"/>.</summary>
    public static ulong ReadHeaderCount(WorldState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (ulong)state.GetStorage(NativeContracts.HvmState.Address, HeaderCountSlot);
    }

    /// <summary>The L2 block number of the last <c>updateHvmState</c> (0 before the first).</summary>
    public static ulong ReadLastUpdateBlock(WorldState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (ulong)state.GetStorage(NativeContracts.HvmState.Address, LastUpdateBlockSlot);
    }

    /// <summary>The raw 80-byte header recorded at <paramref name="index"/>.</summary>
    public static byte[] ReadHeader(WorldState state, ulong index)
    {
        ArgumentNullException.ThrowIfNull(state);
        var contract = NativeContracts.HvmState.Address;
        if (index >= (ulong)state.GetStorage(contract, HeaderCountSlot))
        {
            throw new ArgumentOutOfRangeException(nameof(index), "No header recorded at that index.");
        }

        var header = new byte[80];
        var dataStart = StorageSlots.ArrayData(HeaderCountSlot);
        for (var w = 0; w < WordsPerHeader; w++)
        {
            var value = StorageSlots.FromInteger(state.GetStorage(contract, StorageSlots.Offset(dataStart, (index * WordsPerHeader) + (ulong)w)));
            value.AsSpan()[..Math.Min(32, 80 - (w * 32))].CopyTo(header.AsSpan(w * 32));
        }

        return header;
    }
}
