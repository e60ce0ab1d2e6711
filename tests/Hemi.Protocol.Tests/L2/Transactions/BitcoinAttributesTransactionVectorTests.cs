using System.Numerics;
using Hemi.Bitcoin;
using Hemi.Ethereum;
using Hemi.Protocol.Chain;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Protocol.Tests.L2.Transactions;

/// <summary>The 0x7C transaction built from the inputs of hemi-protocol.md §6.1, byte for byte, and its fixed sender and recipient.</summary>
public sealed class BitcoinAttributesTransactionVectorTests
{
    private const string Tip = "1122334455667788112233445566778811223344556677881122334455667788";

    private static string Word(int value) => value.ToString("x64");

    private static byte[] Header(byte first) => Enumerable.Repeat(first, 80).ToArray();

    private static BitcoinAttributesTransaction Build(params byte[] firsts) =>
        BitcoinAttributesTransaction.Create(new BitcoinAttributesCall(Hash256.ParseInternalHex(Tip), firsts.Select(Header).ToArray()));

    // 0x7c ‖ rlp([0x8400…00, 1_000_000, calldata]) with the list and string headers written out by hand.
    private static string Envelope(string listHeader, string dataHeader, string callData) =>
        "7c" + listHeader + "94" + "84" + new string('0', 38) + "830f4240" + dataHeader + callData;

    [Fact]
    public void NoHeaders_IsByteExact()
    {
        var callData = "c94f1cca" + Tip + Word(0x40) + Word(0);

        // 100 bytes of call data: string header 0xb8 0x64; list payload 21 + 4 + 2 + 100 = 127 → 0xf8 0x7f.
        Assert.Equal(Envelope("f87f", "b864", callData), Convert.ToHexStringLower(Build().Encode()));
    }

    [Fact]
    public void SixHeaders_IsByteExact()
    {
        byte[] firsts = [0xaa, 0xba, 0xca, 0xda, 0xea, 0xfa];
        var callData = "c94f1cca" + Tip + Word(0x40) + Word(6)
            + string.Concat(new[] { 0xc0, 0x140, 0x1c0, 0x240, 0x2c0, 0x340 }.Select(Word))
            + string.Concat(firsts.Select(f => Word(0x50) + Convert.ToHexStringLower(Header(f)) + new string('0', 32)));
        Assert.Equal(4 + 32 + 32 + 32 + (6 * 32) + (6 * 128), callData.Length / 2);

        // 1060 bytes of call data: 0xb9 0x0424; list payload 21 + 4 + 3 + 1060 = 1088 = 0x440 → 0xf9 0x0440.
        Assert.Equal(Envelope("f90440", "b90424", callData), Convert.ToHexStringLower(Build(firsts).Encode()));
    }

    [Fact]
    public void SenderIs8888_RecipientIsTheHvmStatePredeploy_GasIsOneMillion()
    {
        var tx = Build(0xaa);

        Assert.Equal(Address.Parse("0x8888888888888888888888888888888888888888"), tx.Sender);
        Assert.Equal(Address.Parse("0x8400000000000000000000000000000000000000"), tx.To);
        Assert.Equal(1_000_000UL, tx.Gas);
        Assert.Equal(0x7C, tx.TypeByte);
        var decoded = Assert.IsType<BitcoinAttributesTransaction>(L2Transaction.Decode(tx.Encode()));
        Assert.Equal(tx, decoded);
        Assert.Throws<Hemi.Protocol.L2.L2FormatException>(() => L2Transaction.DecodeFromMempool(tx.Encode()));
    }

    [Fact]
    public void AttributesSentTo8888_AsSection42sConstructorReads_InvalidateTheBlock()
    {
        // §4.2 says the upstream constructor sets `to` to the 0x8888… address; the issue (followed here) says 0x8400…00.
        var tx = Build(0xaa) with { To = SystemAddresses.SystemSender };
        var state = new WorldState();
        NativeContracts.Install(state);
        var parent = new L2BlockHeader { Number = 0, Timestamp = 1, GasLimit = 30_000_000, BaseFeePerGas = 1_000_000_000 };
        var context = BlockContext.Following(parent, 2, Address.Zero, 1);

        var error = Assert.Throws<ExecutionException>(() => new NativeExecutionEngine().ExecuteBlock(parent, state, [tx], context));

        Assert.Equal(ExecutionError.InvalidSystemTransaction, error.Error);
        Assert.Equal(BigInteger.Zero, state.GetStorage(SystemAddresses.HvmState, StorageSlots.Slot(1)));
    }
}
