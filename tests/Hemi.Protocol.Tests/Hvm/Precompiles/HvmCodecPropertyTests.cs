using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.Hvm.Precompiles;

namespace Hemi.Protocol.Tests.Hvm.Precompiles;

public sealed class HvmCodecPropertyTests
{
    private static readonly Gen<byte[]> Bytes = ArbMap.Default.GeneratorFor<byte[]>();

    private static Gen<byte[]> BytesOf(int length) => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length);

    private static readonly Gen<Hash256> Hashes = BytesOf(32).Select(b => Hash256.FromInternal(b));

    private static readonly Gen<HvmHeaderRecord> Records =
        from height in ArbMap.Default.GeneratorFor<uint>()
        from version in ArbMap.Default.GeneratorFor<int>()
        from prev in Hashes
        from merkle in Hashes
        from time in ArbMap.Default.GeneratorFor<uint>()
        from bits in ArbMap.Default.GeneratorFor<uint>()
        from nonce in ArbMap.Default.GeneratorFor<uint>()
        select new HvmHeaderRecord(height, new BlockHeader(version, prev, merkle, time, bits, nonce));

    private static readonly Gen<string> Addresses =
        from length in Gen.Choose(BitcoinAddressText.MinLength, BitcoinAddressText.MaxLength)
        from chars in Gen.ArrayOf(Gen.Choose(0x21, 0x7E).Select(c => (char)c), length)
        select new string(chars);

    [Fact]
    public void HeaderRecord_RoundTrips()
    {
        Prop.ForAll(Records.ToArbitrary(), record =>
        {
            var encoded = record.Encode();
            return encoded.Length == HvmHeaderRecord.Size && HvmHeaderRecord.Decode(encoded) == record;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void HeaderRecord_WithAnyByteChanged_IsRejectedOrStillConsistent()
    {
        var gen = from record in Records
                  from index in Gen.Choose(4, HvmHeaderRecord.Size - 1)
                  from flip in Gen.Choose(1, 255)
                  select (record, index, flip);
        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var encoded = input.record.Encode();
            encoded[input.index] ^= (byte)input.flip;
            // Any change after the height breaks the hash ↔ fields link.
            return Record.Exception(() => HvmHeaderRecord.Decode(encoded)) is HvmFormatException;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TxQuery_RoundTripsEvery36ByteInput()
    {
        Prop.ForAll(BytesOf(BitcoinTxQuery.Size).ToArbitrary(), bytes =>
            BitcoinTxQuery.Decode(bytes).Encode().AsSpan().SequenceEqual(bytes)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TxQueryFlags_DecodeTheDocumentedBits()
    {
        var flags = BitcoinTxQueryFlags.Decode([0b0111_1111, 0b1110_1100, 0b0011_1010, 0b0000_1110]);

        Assert.True(flags.ContainingBlock && flags.Version && flags.Sizes && flags.LockTime);
        Assert.True(flags.Inputs && flags.InputSource && flags.InputScriptSig && flags.InputSequence);
        Assert.True(flags.Outputs && flags.OutputScript && flags.UnspendableOutputs && flags.OutputSpent);
        Assert.Equal(128, flags.MaxInputs);
        Assert.Equal(4, flags.MaxOutputs);
        Assert.Equal(128, flags.MaxInputScriptSigSize);
        Assert.Equal(64, flags.MaxOutputScriptSize);
        var none = BitcoinTxQueryFlags.Decode([0, 0, 0, 0]);
        Assert.False(none.ContainingBlock || none.Inputs || none.Outputs || none.OutputSpent);
        Assert.Equal((1, 1, 16, 16), (none.MaxInputs, none.MaxOutputs, none.MaxInputScriptSigSize, none.MaxOutputScriptSize));
    }

    [Fact]
    public void UtxoQuery_MatchesTheHbkVector_AndRoundTrips()
    {
        var query = new BitcoinUtxoQuery("tb1qers3x7frsy5qry6aag2kh63a4y904jqa3tnn8t", 0, 16);
        Assert.Equal(
            "74623171657273337837667273793571727936616167326b6836336134793930346a716133746e6e387400000010",
            Convert.ToHexStringLower(query.Encode()));

        var gen = from address in Addresses
                  from page in Gen.Choose(0, (int)BitcoinUtxoQuery.MaxPage)
                  from size in ArbMap.Default.GeneratorFor<byte>()
                  select new BitcoinUtxoQuery(address, (uint)page, size);
        Prop.ForAll(gen.ToArbitrary(), q =>
        {
            var decoded = BitcoinUtxoQuery.Decode(q.Encode());
            return decoded == q && decoded.Skip == (ulong)q.Page * (ulong)q.EffectivePageSize;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void UtxoList_RoundTrips()
    {
        var utxo = from txId in Hashes
                   from index in Gen.Choose(0, ushort.MaxValue)
                   from value in ArbMap.Default.GeneratorFor<ulong>()
                   select new BitcoinUtxo(txId, (uint)index, value);
        Prop.ForAll(Gen.ListOf(utxo).Select(l => l.Take(255).ToArray()).ToArbitrary(), list =>
            BitcoinUtxo.DecodeList(BitcoinUtxo.EncodeList(list)).SequenceEqual(list)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decoders_GivenRandomBytes_ThrowOnlyHvmFormatException()
    {
        Prop.ForAll(Bytes.ToArbitrary(), bytes =>
        {
            Exception?[] errors =
            [
                Record.Exception(() => HvmHeaderRecord.Decode(bytes)),
                Record.Exception(() => BitcoinTxQuery.Decode(bytes)),
                Record.Exception(() => BitcoinTxQueryFlags.Decode(bytes)),
                Record.Exception(() => BitcoinUtxoQuery.Decode(bytes)),
                Record.Exception(() => BitcoinUtxo.DecodeList(bytes)),
            ];
            return errors.All(e => e is null or HvmFormatException);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Precompiles_GivenRandomInput_NeverThrow_AndOnlySuccessHasOutput()
    {
        var view = new InMemoryBitcoinView(Network.Mainnet);
        view.AddHeader(0, Network.Mainnet.GenesisHeader);
        var gen = from precompile in Gen.Elements(HvmPrecompiles.All.ToArray())
                  from input in Gen.OneOf(Bytes, (from n in Gen.Choose(0, 120) from b in BytesOf(n) select b), Addresses.Select(a => System.Text.Encoding.ASCII.GetBytes(a)))
                  select (precompile, input);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var result = HvmPrecompiles.Run(c.precompile, c.input, view);
            return result.Gas == HvmPrecompiles.GasOf(c.precompile)
                && (result.Succeeded ? result.Reason is null : result.Output.Length == 0 && result.Reason is not null);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }
}
