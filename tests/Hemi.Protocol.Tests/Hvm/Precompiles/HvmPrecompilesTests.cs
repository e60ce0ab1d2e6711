using System.Text;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Transactions;
using Hemi.Ethereum;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.Hvm.Precompiles;

namespace Hemi.Protocol.Tests.Hvm.Precompiles;

public sealed class HvmPrecompilesTests
{
    private static string HexOf(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Display(Hash256 hash) => HexOf(hash.ToDisplayBytes());

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Script(string hex) => Convert.FromHexString(hex);

    [Fact]
    public void Addresses_AreZeroPaddedSingleBytes_0x40To0x46()
    {
        Assert.Equal(7, HvmPrecompiles.All.Count);
        Assert.Equal(Address.Parse("0x0000000000000000000000000000000000000040"), HvmPrecompiles.AddressOf(HvmPrecompile.BtcBalAddr));
        Assert.Equal(Address.Parse("0x0000000000000000000000000000000000000046"), HvmPrecompiles.AddressOf(HvmPrecompile.BtcAddrToScript));
        Assert.True(HvmPrecompiles.TryGet(Address.Parse("0x0000000000000000000000000000000000000044"), out var last));
        Assert.Equal(HvmPrecompile.BtcLastHeader, last);
        Assert.False(HvmPrecompiles.TryGet(Address.Parse("0x0000000000000000000000000000000000000047"), out _));
        Assert.False(HvmPrecompiles.TryGet(Address.Parse("0x000000000000000000000000000000000000003f"), out _));
        Assert.False(HvmPrecompiles.TryGet(Address.Parse("0x0100000000000000000000000000000000000044"), out _));
    }

    [Theory]
    [InlineData(HvmPrecompile.BtcBalAddr, 50_000UL)]
    [InlineData(HvmPrecompile.BtcUtxosAddrList, 100_000UL)]
    [InlineData(HvmPrecompile.BtcTxByTxid, 25_000UL)]
    [InlineData(HvmPrecompile.BtcTxConfirmations, 5_000UL)]
    [InlineData(HvmPrecompile.BtcLastHeader, 5_000UL)]
    [InlineData(HvmPrecompile.BtcHeaderN, 6_000UL)]
    [InlineData(HvmPrecompile.BtcAddrToScript, 25_000UL)]
    public void Gas_IsTheFixedHvmCost_EvenWithoutAView(HvmPrecompile precompile, ulong gas)
    {
        Assert.Equal(gas, HvmPrecompiles.GasOf(precompile));
        var result = HvmPrecompiles.Run(precompile, [], null);
        Assert.Equal(HvmPrecompileStatus.BitcoinViewUnavailable, result.Status);
        Assert.Equal(gas, result.Gas);
        Assert.Empty(result.Output);
        Assert.Contains("Bitcoin view", result.Reason);
    }

    [Fact]
    public void LastHeaderAndHeaderN_OfMainnetGenesis_MatchTheHandWrittenRecord()
    {
        var view = new InMemoryBitcoinView(Network.Mainnet);
        view.AddHeader(0, Network.Mainnet.GenesisHeader);
        // height ‖ hash (display) ‖ version ‖ prev (display) ‖ merkle (display) ‖ time ‖ bits ‖ nonce, all big-endian.
        const string expected = "00000000"
            + "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"
            + "00000001"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
            + "495fab29" + "1d00ffff" + "7c2bac1d";

        var last = HvmPrecompiles.Run(HvmPrecompile.BtcLastHeader, [], view);
        var atZero = HvmPrecompiles.Run(HvmPrecompile.BtcHeaderN, [0, 0, 0, 0], view);

        Assert.Equal(HvmPrecompileStatus.Success, last.Status);
        Assert.Equal(expected, HexOf(last.Output));
        Assert.Equal(expected, HexOf(atZero.Output));
        Assert.Equal(HvmHeaderRecord.Size, last.Output.Length);
    }

    [Fact]
    public void HeaderN_ReadsABigEndianHeight_AndUnknownHeightsGiveEmptyOutput()
    {
        var view = new InMemoryBitcoinView(Network.Regtest);
        var header = new BlockHeader(0x20000000, Hash256.Parse(new string('1', 64)), Hash256.Parse(new string('2', 64)), 1_700_000_000, 0x207fffff, 7);
        view.AddHeader(0x01020304, header);

        var found = HvmPrecompiles.Run(HvmPrecompile.BtcHeaderN, [0x01, 0x02, 0x03, 0x04], view);
        var missing = HvmPrecompiles.Run(HvmPrecompile.BtcHeaderN, [0x04, 0x03, 0x02, 0x01], view);

        Assert.Equal("01020304", HexOf(found.Output[..4]));
        Assert.Equal(Display(header.GetHash()), HexOf(found.Output[4..36]));
        Assert.Equal("20000000", HexOf(found.Output[36..40]));
        Assert.Equal(new string('1', 64), HexOf(found.Output[40..72]));
        Assert.Equal(new string('2', 64), HexOf(found.Output[72..104]));
        Assert.Equal(HvmPrecompileStatus.NotFound, missing.Status);
        Assert.Empty(missing.Output);
        Assert.Equal(HvmHeaderRecord.Decode(found.Output), new HvmHeaderRecord(0x01020304, header));
    }

    [Theory]
    [InlineData(HvmPrecompile.BtcHeaderN, 0)]
    [InlineData(HvmPrecompile.BtcHeaderN, 3)]
    [InlineData(HvmPrecompile.BtcHeaderN, 5)]
    [InlineData(HvmPrecompile.BtcLastHeader, 1)]
    [InlineData(HvmPrecompile.BtcTxConfirmations, 31)]
    [InlineData(HvmPrecompile.BtcTxConfirmations, 33)]
    [InlineData(HvmPrecompile.BtcTxByTxid, 32)]
    [InlineData(HvmPrecompile.BtcTxByTxid, 37)]
    [InlineData(HvmPrecompile.BtcBalAddr, 23)]
    [InlineData(HvmPrecompile.BtcBalAddr, 91)]
    [InlineData(HvmPrecompile.BtcAddrToScript, 0)]
    [InlineData(HvmPrecompile.BtcAddrToScript, 1_000_000)]
    [InlineData(HvmPrecompile.BtcUtxosAddrList, 27)]
    [InlineData(HvmPrecompile.BtcUtxosAddrList, 95)]
    public void WrongInputLengths_GiveInvalidInputWithAReason_AndEmptyOutput(HvmPrecompile precompile, int length)
    {
        var view = new InMemoryBitcoinView(Network.Mainnet);
        view.AddHeader(0, Network.Mainnet.GenesisHeader);

        var result = HvmPrecompiles.Run(precompile, Enumerable.Repeat((byte)'1', length).ToArray(), view);

        Assert.Equal(HvmPrecompileStatus.InvalidInput, result.Status);
        Assert.Empty(result.Output);
        Assert.Equal(HvmPrecompiles.GasOf(precompile), result.Gas);
        Assert.Contains(precompile.ToString(), result.Reason);
    }

    [Theory]
    // Base58 of hash160 = 20 zero bytes, and the BIP-173 example P2WPKH.
    [InlineData("1111111111111111111114oLvT2", "76a914000000000000000000000000000000000000000088ac")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "0014751e76e8199196d454941c45d1b3a323f1433bd6")]
    public void AddrToScript_DecodesMainnetAddresses(string address, string script)
    {
        var result = HvmPrecompiles.Run(HvmPrecompile.BtcAddrToScript, Ascii(address), new InMemoryBitcoinView(Network.Mainnet));

        Assert.Equal(HvmPrecompileStatus.Success, result.Status);
        Assert.Equal(script, HexOf(result.Output));
    }

    [Theory]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")] // bad checksum
    [InlineData("tb1qers3x7frsy5qry6aag2kh63a4y904jqa3tnn8t")] // testnet address on mainnet
    [InlineData("1111111111111111111114oLvT2\u0001")]
    [InlineData("not an address at all, really")]
    public void AddrToScript_RejectsAddressesOfOtherNetworksOrBadEncoding(string address)
    {
        var result = HvmPrecompiles.Run(HvmPrecompile.BtcAddrToScript, Encoding.Latin1.GetBytes(address), new InMemoryBitcoinView(Network.Mainnet));

        Assert.Equal(HvmPrecompileStatus.InvalidInput, result.Status);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void BalAddr_AsksTheViewForTheAddressScript_AndReturnsAUint64()
    {
        var view = new InMemoryBitcoinView(Network.Mainnet);
        view.SetBalance(Script("0014751e76e8199196d454941c45d1b3a323f1433bd6"), 0x0102030405060708);

        var result = HvmPrecompiles.Run(HvmPrecompile.BtcBalAddr, Ascii("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"), view);
        var empty = HvmPrecompiles.Run(HvmPrecompile.BtcBalAddr, Ascii("1111111111111111111114oLvT2"), view);

        Assert.Equal("0102030405060708", HexOf(result.Output));
        Assert.Equal("0000000000000000", HexOf(empty.Output));
    }

    [Fact]
    public void UtxosAddrList_ParsesTheHbkVector_AndPagesThroughTheView()
    {
        // hemi-protocol.md §6.1: tb1q… page 0, size 16.
        var input = Convert.FromHexString("74623171657273337837667273793571727936616167326b6836336134793930346a716133746e6e387400000010");
        var view = new InMemoryBitcoinView(Network.Testnet3);
        var script = Hemi.Bitcoin.Addresses.BitcoinAddress.Parse("tb1qers3x7frsy5qry6aag2kh63a4y904jqa3tnn8t", Network.Testnet3);
        var utxos = Enumerable.Range(1, 20).Select(i => new BitcoinUtxo(Hash256.Parse(i.ToString("x64")), (uint)i, (ulong)(i * 1000))).ToArray();
        view.AddUtxos(script, utxos);

        var first = HvmPrecompiles.Run(HvmPrecompile.BtcUtxosAddrList, input, view);
        input[^2] = 1; // page 1
        var second = HvmPrecompiles.Run(HvmPrecompile.BtcUtxosAddrList, input, view);

        Assert.Equal(HvmPrecompileStatus.Success, first.Status);
        Assert.Equal(16, first.Output[0]);
        Assert.Equal(1 + (16 * 42), first.Output.Length);
        // Entry 0: txid (display) ‖ vout u16 ‖ value u64.
        Assert.Equal(1.ToString("x64") + "0001" + "00000000000003e8", HexOf(first.Output[1..43]));
        Assert.Equal(utxos[..16], BitcoinUtxo.DecodeList(first.Output));
        Assert.Equal(utxos[16..], BitcoinUtxo.DecodeList(second.Output));
        Assert.Equal([(0UL, 16), (16UL, 16)], view.UtxoQueries.Select(q => (q.Skip, q.Count)));
        Assert.Equal(script, view.UtxoQueries[0].Script);
    }

    [Fact]
    public void UtxosAddrList_PageSizeZeroMeansTen()
    {
        var view = new InMemoryBitcoinView(Network.Testnet3);
        var query = new BitcoinUtxoQuery("tb1qers3x7frsy5qry6aag2kh63a4y904jqa3tnn8t", 3, 0);

        var result = HvmPrecompiles.Run(HvmPrecompile.BtcUtxosAddrList, query.Encode(), view);

        Assert.Equal([0], result.Output);
        Assert.Equal((30UL, 10), (view.UtxoQueries[0].Skip, view.UtxoQueries[0].Count));
    }

    private sealed record TxFixture(InMemoryBitcoinView View, Transaction Source, Transaction Tx, Hash256 BlockHash);

    private static readonly byte[] ScriptX = Script("0014" + new string('a', 40));
    private static readonly byte[] ScriptY = Script("0014" + new string('b', 40));

    private static TxFixture Fixture()
    {
        var view = new InMemoryBitcoinView(Network.Regtest);
        var coinbase = new Transaction(1, [new TxIn(OutPoint.Null, [0x51, 0x51], uint.MaxValue)], [new TxOut(5000, ScriptX), new TxOut(7000, ScriptY)], 0);
        var tx = new Transaction(
            2,
            [
                new TxIn(new OutPoint(coinbase.GetTxId(), 1), Enumerable.Repeat((byte)0x51, 20).ToArray(), 0xfffffffd),
                new TxIn(new OutPoint(coinbase.GetTxId(), 0), [], uint.MaxValue, [new byte[] { 1, 2, 3 }]),
            ],
            [new TxOut(3000, ScriptX), new TxOut(0, Script("6a04deadbeef")), new TxOut(8000, ScriptY)],
            100);
        var blockHash = Hash256.Parse("00000000000000000000000000000000000000000000000000000000000000bb");
        view.AddHeader(95, Network.Regtest.GenesisHeader);
        view.AddHeader(105, Network.Regtest.GenesisHeader);
        view.AddTransaction(coinbase, Hash256.Parse(new string('c', 64)), 90);
        view.AddTransaction(tx, blockHash, 100, 0);
        return new TxFixture(view, coinbase, tx, blockHash);
    }

    private static byte[] TxQuery(Hash256 txId, string flagsHex) => [.. txId.ToDisplayBytes(), .. Convert.FromHexString(flagsHex)];

    private static string U16(int v) => v.ToString("x4");

    private static string U32(long v) => v.ToString("x8");

    private static string U64(long v) => v.ToString("x16");

    [Fact]
    public void TxByTxid_EveryPhase0Field_InSpecOrder_WithLimitsAndTruncation()
    {
        var f = Fixture();
        // byte0: block, version, sizes, locktime, inputs, input source, scriptSig; byte1: sequence, outputs,
        // output script, spent; byte2: 2 inputs, 2 outputs; byte3: scriptSig and output script cut to 16 bytes.
        var result = HvmPrecompiles.Run(HvmPrecompile.BtcTxByTxid, TxQuery(f.Tx.GetTxId(), "7fe40900"), f.View);

        var source = Display(f.Source.GetTxId());
        var expected = Display(f.BlockHash) + U32(2) + U32(f.Tx.TotalSize) + U32(f.Tx.BaseSize) + U32(100)
            + U16(2)
            + U64(7000) + source + U16(1) + U16(20) + string.Concat(Enumerable.Repeat("51", 16)) + "fffffffd"
            + U64(5000) + source + U16(0) + U16(0) + "ffffffff"
            + U16(2) // the OP_RETURN output is not counted
            + U64(3000) + U16(22) + HexOf(ScriptX[..16]) + "00"
            + U64(8000) + U16(22) + HexOf(ScriptY[..16]) + "01";
        Assert.Equal(HvmPrecompileStatus.Success, result.Status);
        Assert.Equal(expected, HexOf(result.Output));
    }

    [Fact]
    public void TxByTxid_UnspendableFlag_CountsAndListsOpReturn_AndLimitsCutTheLists()
    {
        var f = Fixture();
        // byte0: inputs only; byte1: outputs + unspendable; byte2: 1 input (2^0), 4 outputs (2^2).
        var result = HvmPrecompiles.Run(HvmPrecompile.BtcTxByTxid, TxQuery(f.Tx.GetTxId(), "04480200"), f.View);

        var expected = U16(2) + U64(7000) + U16(3) + U64(3000) + U64(0) + U64(8000);
        Assert.Equal(expected, HexOf(result.Output));

        var nothing = HvmPrecompiles.Run(HvmPrecompile.BtcTxByTxid, TxQuery(f.Tx.GetTxId(), "00000000"), f.View);
        Assert.Equal(HvmPrecompileStatus.Success, nothing.Status);
        Assert.Empty(nothing.Output);
    }

    [Fact]
    public void TxByTxid_CoinbaseInputHasValueZero_AndUnknownTxidIsNotFound()
    {
        var f = Fixture();

        var coinbase = HvmPrecompiles.Run(HvmPrecompile.BtcTxByTxid, TxQuery(f.Source.GetTxId(), "04000000"), f.View);
        var unknown = HvmPrecompiles.Run(HvmPrecompile.BtcTxByTxid, TxQuery(Hash256.Parse(new string('9', 64)), "40000000"), f.View);

        Assert.Equal(U16(1) + U64(0), HexOf(coinbase.Output));
        Assert.Equal(HvmPrecompileStatus.NotFound, unknown.Status);
        Assert.Empty(unknown.Output);
    }

    [Fact]
    public void TxConfirmations_AreTipMinusBlockPlusOne()
    {
        var f = Fixture();

        var confirmations = HvmPrecompiles.Run(HvmPrecompile.BtcTxConfirmations, f.Tx.GetTxId().ToDisplayBytes(), f.View);
        var internalOrder = HvmPrecompiles.Run(HvmPrecompile.BtcTxConfirmations, f.Tx.GetTxId().ToInternalBytes(), f.View);

        Assert.Equal("00000006", HexOf(confirmations.Output)); // tip 105, block 100
        Assert.Equal(HvmPrecompileStatus.NotFound, internalOrder.Status);
    }

    [Fact]
    public void ViewThatCannotServeAQuery_MakesTheCallUnavailable()
    {
        var state = new Hemi.Protocol.L2.State.WorldState();
        var headersOnly = new HvmStateBitcoinView(state, 0, Network.Mainnet);

        var result = HvmPrecompiles.Run(HvmPrecompile.BtcTxConfirmations, new byte[32], headersOnly);

        Assert.Equal(HvmPrecompileStatus.BitcoinViewUnavailable, result.Status);
        Assert.Contains("index", result.Reason);
    }
}
