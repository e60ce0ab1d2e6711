using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Rlp;
using Hemi.Protocol.L2;
using Hemi.Protocol.L2.Blocks;

namespace Hemi.Protocol.Tests.L2.Blocks;

public sealed class L2BlockHeaderTests
{
    // go-ethereum core/types/block_test.go TestEIP1559BlockEncoding: a London header (baseFee 1 gwei) whose
    // hash geth checks as c7252048…; the block RLP is [header, txs, uncles].
    internal const string Eip1559BlockHex =
        "f9030bf901fea083cafc574e1f51ba9dc0568fc617a08ea2429fb384059c972f13b19fa1c8dd55a01dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347948888f1f195afa192cfee860698584c030f4c9db1a0ef1552a40b7165c3cd773806b9e0c165b75356e0314bf0706f279c729f51e017a05fe50b260da6308036625b850b5d6ced6d0a9f814c0688bc91ffb7b7a3a54b67a0bc37d79753ad738a6dac4921e57392f145d8887476de3f783dfa7edae9283e52b90100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000008302000001832fefd8825208845506eb0780a0bd4472abb6659ebe3ee06ee4d7b72a00a9f4d001caca51342001075469aff49888a13a5a8c8f2bb1c4843b9aca00f90106f85f800a82c35094095e7baea6a6c7c4c2dfeb977efac326af552d870a801ba09bea4c4daac7c7c52e093e6a4c35dbbcf8856f1af7b059ba20253e70848d094fa08a8fae537ce25ed8cb5af9adac3f141af69bd515bd2ba031522df09b97dd72b1b8a302f8a0018080843b9aca008301e24194095e7baea6a6c7c4c2dfeb977efac326af552d878080f838f7940000000000000000000000000000000000000001e1a0000000000000000000000000000000000000000000000000000000000000000080a0fe38ca4e44a30002ac54af7cf922a6ac2ba11b7d22f548e8ecb3f51f41cb31b0a06de6a5cbae13c0c856e33acf021b51819636cfc009d39eafb9f606d546e305a8c0";

    // go-ethereum TestBlockEncoding (ethereum/tests bcValidBlockTest "SimpleTx"): a pre-London header, hash 0a5843ac….
    internal const string SimpleTxBlockHex =
        "f90260f901f9a083cafc574e1f51ba9dc0568fc617a08ea2429fb384059c972f13b19fa1c8dd55a01dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347948888f1f195afa192cfee860698584c030f4c9db1a0ef1552a40b7165c3cd773806b9e0c165b75356e0314bf0706f279c729f51e017a05fe50b260da6308036625b850b5d6ced6d0a9f814c0688bc91ffb7b7a3a54b67a0bc37d79753ad738a6dac4921e57392f145d8887476de3f783dfa7edae9283e52b90100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000008302000001832fefd8825208845506eb0780a0bd4472abb6659ebe3ee06ee4d7b72a00a9f4d001caca51342001075469aff49888a13a5a8c8f2bb1c4f861f85f800a82c35094095e7baea6a6c7c4c2dfeb977efac326af552d870a801ba09bea4c4daac7c7c52e093e6a4c35dbbcf8856f1af7b059ba20253e70848d094fa08a8fae537ce25ed8cb5af9adac3f141af69bd515bd2ba031522df09b97dd72b1c0";

    // go-ethereum TestEIP4844BlockEncoding (ethereum/tests blockWithAllTransactionTypes): a Cancun header with
    // withdrawalsRoot, blobGasUsed, excessBlobGas and parentBeaconBlockRoot; only its first 20 fields are used.
    private const string CancunHeaderHex =
        "f90244a05eb7f6da0f3e237c62bcae48b7fb5f4506d392616b62890429c8b76b4a1d4104a01dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d4934794ba5e000000000000000000000000000000000000a011639dcca0b44f2acb5b630a82c8a69cb82742b3711383ec4e111a554d27aea5a05cb644f722e31f9792a8ef6e2a762334e1a862e8b40c1612e1e9507fd7121ef9a00c82719448356ba6807d6edfcd8e5aea575a5e97f36038ffb3e395749b26d41cb9010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000800188016345785d8a00008301482082079e42a00000000000000000000000000000000000000000000000000000000000020000880000000000000000820314a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b4218302000080a00000000000000000000000000000000000000000000000000000000000000000";

    internal static byte[] HeaderOf(string blockHex)
    {
        var reader = new RlpReader(Convert.FromHexString(blockHex));
        var block = reader.EnterList();
        return block.ReadRaw().ToArray();
    }

    [Fact]
    public void Decode_GethLondonHeader_HashAndFieldsMatchGeth()
    {
        var encoded = HeaderOf(Eip1559BlockHex);
        var header = L2BlockHeader.Decode(encoded);

        Assert.Equal(Hash32.Parse("0xc7252048cd273fe0dac09650027d07f0e3da4ee0675ebbb26627cea92729c372"), header.Hash);
        Assert.Equal(new BigInteger(131072), header.Difficulty);
        Assert.Equal(3141592UL, header.GasLimit);
        Assert.Equal(21000UL, header.GasUsed);
        Assert.Equal(1UL, header.Number);
        Assert.Equal(Address.Parse("0x8888f1f195afa192cfee860698584c030f4c9db1"), header.Coinbase);
        Assert.Equal(Hash32.Parse("0xbd4472abb6659ebe3ee06ee4d7b72a00a9f4d001caca51342001075469aff498"), header.MixHash);
        Assert.Equal(Hash32.Parse("0xef1552a40b7165c3cd773806b9e0c165b75356e0314bf0706f279c729f51e017"), header.StateRoot);
        Assert.Equal(0xa13a5a8c8f2bb1c4UL, header.Nonce);
        Assert.Equal(1426516743UL, header.Timestamp);
        Assert.Equal(new BigInteger(1_000_000_000), header.BaseFeePerGas);
        Assert.Null(header.WithdrawalsRoot);
        Assert.Equal(encoded, header.Encode());
    }

    [Fact]
    public void Decode_GethPreLondonHeader_HasNoBaseFee_AndHashMatchesGeth()
    {
        var encoded = HeaderOf(SimpleTxBlockHex);
        var header = L2BlockHeader.Decode(encoded);
        Assert.Equal(Hash32.Parse("0x0a5843ac1cb04865017cb35a57b50b07084e5fcee39b5acadade33149f4fff9e"), header.Hash);
        Assert.Null(header.BaseFeePerGas);
        Assert.False(header.IsValidL2Shape);
        Assert.Equal(encoded, header.Encode());
    }

    [Fact]
    public void Decode_CancunHeader_ReadsOptionalTrailers_AndReencodesIdentically()
    {
        var encoded = Convert.FromHexString(CancunHeaderHex);
        var header = L2BlockHeader.Decode(encoded);
        Assert.Equal(Hash32.Parse("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"), header.WithdrawalsRoot);
        Assert.Equal(0x20000UL, header.BlobGasUsed);
        Assert.Equal(0UL, header.ExcessBlobGas);
        Assert.Equal(Hash32.Zero, header.ParentBeaconBlockRoot);
        Assert.Equal(new BigInteger(0x314), header.BaseFeePerGas);
        Assert.Equal(encoded, header.Encode());
        Assert.Equal(new Hash32(Keccak256.Hash(encoded)), header.Hash);
    }

    [Fact]
    public void EmptyOmmersHash_IsKeccakOfEmptyList()
    {
        Assert.Equal(new Hash32(Keccak256.Hash([0xC0])), L2BlockHeader.EmptyOmmersHash);
    }

    [Fact]
    public void DefaultL2Header_HasL2Shape_AndHandComputedEncoding()
    {
        var header = new L2BlockHeader { BaseFeePerGas = 7, Number = 1, GasLimit = 30_000_000, Timestamp = 12 };
        Assert.True(header.IsValidL2Shape);
        var encoded = header.Encode();
        // 7 hashes/addresses + bloom + 8 small fields: the list payload is 33+33+21+33·3+259+1+1+5+1+1+1+33+9+1 = 498 bytes.
        Assert.Equal([0xF9, 0x01, 0xF2], encoded[..3]);
        Assert.Equal(501, encoded.Length);
        Assert.Equal([0x80, 0x01, 0x84, 0x01, 0xC9, 0xC3, 0x80, 0x80, 0x0C, 0x80], encoded[448..458]);
        Assert.Equal([0x88, 0, 0, 0, 0, 0, 0, 0, 0, 0x07], encoded[^10..]);
    }

    [Fact]
    public void Encode_RejectsOptionalFieldWithoutItsPredecessors()
    {
        var header = new L2BlockHeader { WithdrawalsRoot = Hash32.Zero };
        Assert.Throws<InvalidOperationException>(() => header.Encode());
        Assert.False(header.IsValidL2Shape);
    }

    [Fact]
    public void ExtraData_LongerThan32Bytes_IsRejectedOnInitAndDecode()
    {
        Assert.Throws<ArgumentException>(() => new L2BlockHeader { ExtraData = new byte[33] });
        var encoded = new L2BlockHeader { ExtraData = new byte[32], BaseFeePerGas = 1 }.Encode();
        var items = ((RlpList)Rlp.Decode(encoded)).Items.ToArray();
        items[12] = new RlpString(new byte[33]);
        Assert.Throws<L2FormatException>(() => L2BlockHeader.Decode(Rlp.Encode(new RlpList(items))));
    }

    [Fact]
    public void Decode_RejectsTrailingBytes_ExtraFields_AndEveryTruncation()
    {
        var encoded = HeaderOf(Eip1559BlockHex);
        Assert.Throws<L2FormatException>(() => L2BlockHeader.Decode([.. encoded, 0x00]));
        var items = ((RlpList)Rlp.Decode(Convert.FromHexString(CancunHeaderHex))).Items;
        Assert.Throws<L2FormatException>(() => L2BlockHeader.Decode(Rlp.Encode(new RlpList([.. items, new RlpString(new byte[32])]))));
        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.Throws<L2FormatException>(() => L2BlockHeader.Decode(encoded.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Decode_RejectsWrongFieldWidths()
    {
        var items = ((RlpList)Rlp.Decode(HeaderOf(Eip1559BlockHex))).Items.ToArray();
        foreach (var index in new[] { 0, 2, 6, 13, 14 })
        {
            var damaged = items.ToArray();
            damaged[index] = new RlpString([.. ((RlpString)items[index]).Bytes, 0x01]);
            Assert.Throws<L2FormatException>(() => L2BlockHeader.Decode(Rlp.Encode(new RlpList(damaged))));
        }
    }

    internal static Gen<L2BlockHeader> HeaderGen()
    {
        var bytes32 = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32).Select(b => new Hash32(b));
        var ulongs = ArbMap.Default.GeneratorFor<ulong>();
        var extra = Gen.Choose(0, 32).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n));
        var bloom = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), Bloom.Length);
        var trailers = Gen.Choose(0, 5);
        return from parent in bytes32
               from root in bytes32
               from mix in bytes32
               from number in ulongs
               from gasLimit in ulongs
               from gasUsed in ulongs
               from time in ulongs
               from nonce in ulongs
               from extraData in extra
               from logs in bloom
               from count in trailers
               from baseFee in ulongs
               select new L2BlockHeader
               {
                   ParentHash = parent,
                   StateRoot = root,
                   MixHash = mix,
                   Coinbase = new Address(root.AsSpan()[..20]),
                   Number = number,
                   GasLimit = gasLimit,
                   GasUsed = gasUsed,
                   Timestamp = time,
                   Nonce = nonce,
                   ExtraData = extraData,
                   LogsBloom = new Bloom(logs),
                   Difficulty = new BigInteger(nonce) * 3,
                   BaseFeePerGas = count > 0 ? new BigInteger(baseFee) << 64 : null,
                   WithdrawalsRoot = count > 1 ? parent : null,
                   BlobGasUsed = count > 2 ? gasUsed : null,
                   ExcessBlobGas = count > 3 ? time : null,
                   ParentBeaconBlockRoot = count > 4 ? mix : null,
               };
    }

    [Fact]
    public void EncodeDecode_RoundTripsRandomHeaders()
    {
        Prop.ForAll(HeaderGen().ToArbitrary(), header =>
        {
            var encoded = header.Encode();
            var decoded = L2BlockHeader.Decode(encoded);
            return decoded.Equals(header) && decoded.Encode().AsSpan().SequenceEqual(encoded) && decoded.Hash == header.Hash;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_RandomBytes_ThrowsOnlyL2FormatException()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            var error = Record.Exception(() => L2BlockHeader.Decode(bytes));
            return error is null or L2FormatException;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_DamagedRealHeader_ThrowsOnlyL2FormatException()
    {
        var encoded = HeaderOf(Eip1559BlockHex);
        var damage = from position in Gen.Choose(0, encoded.Length - 1)
                     from value in ArbMap.Default.GeneratorFor<byte>()
                     select (position, value);
        Prop.ForAll(damage.ToArbitrary(), d =>
        {
            var copy = (byte[])encoded.Clone();
            copy[d.position] = d.value;
            var error = Record.Exception(() => L2BlockHeader.Decode(copy));
            return error is null or L2FormatException;
        }).QuickCheckThrowOnFailure();
    }
}
