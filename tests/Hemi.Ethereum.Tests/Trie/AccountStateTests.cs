using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Crypto;
using Hemi.Ethereum.Trie;

namespace Hemi.Ethereum.Tests.Trie;

public sealed class AccountStateTests
{
    [Fact]
    public void EmptyCodeHash_IsKeccakOfNothing()
    {
        Assert.Equal(new Hash32(Keccak256.Hash([])), AccountState.EmptyCodeHash);
        Assert.Equal(Hash32.Parse("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"), AccountState.EmptyCodeHash);
    }

    [Fact]
    public void Encode_MatchesTheAccountLayoutOfTheTrieVectors()
    {
        // nonce 1, balance 0x05f446a7, empty storage, no code (first account of ethereum-tests hex_encoded_securetrie_test).
        var account = new AccountState(1, 0x05f446a7, PatriciaTrie.EmptyRootHash, AccountState.EmptyCodeHash);
        var expected = Convert.FromHexString(
            "f848018405f446a7a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

        Assert.Equal(expected, account.Encode());
        Assert.Equal(account, AccountState.Decode(expected));
    }

    [Fact]
    public void EncodeThenDecode_RoundTripsRandomAccounts()
    {
        var gen =
            from nonce in ArbMap.Default.GeneratorFor<ulong>()
            from balanceBytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32)
            from length in Gen.Choose(0, 32)
            from storage in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32)
            from code in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32)
            select new AccountState(nonce, new BigInteger(balanceBytes.AsSpan(0, length), isUnsigned: true), new Hash32(storage), new Hash32(code));

        Prop.ForAll(gen.ToArbitrary(), account => AccountState.Decode(account.Encode()) == account).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_Garbage_OnlyThrowsTrieException()
    {
        var valid = AccountState.Empty.Encode();
        var mutated =
            from position in Gen.Choose(0, valid.Length - 1)
            from value in ArbMap.Default.GeneratorFor<byte>()
            from cut in Gen.Choose(0, valid.Length)
            select Mutate(valid, position, value, cut);
        var garbage = Gen.OneOf(ArbMap.Default.GeneratorFor<byte[]>(), mutated);

        Prop.ForAll(garbage.ToArbitrary(), bytes =>
        {
            try
            {
                return AccountState.Decode(bytes).Encode().AsSpan().SequenceEqual(bytes);
            }
            catch (TrieException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("c0")] // no fields
    [InlineData("f849018405f446a7a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a47080")] // five fields
    [InlineData("f84a8200018405f446a7a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")] // nonce with leading zero
    [InlineData("f847018405f446a79f56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b4a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")] // 31-byte storage root
    public void Decode_RejectsMalformedAccounts(string hex)
    {
        Assert.Throws<TrieException>(() => AccountState.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Encode_RejectsBalancesOutsideUint256()
    {
        Assert.Throws<InvalidOperationException>(() => (AccountState.Empty with { Balance = BigInteger.MinusOne }).Encode());
        Assert.Throws<InvalidOperationException>(() => (AccountState.Empty with { Balance = BigInteger.One << 256 }).Encode());
    }

    [Fact]
    public void StorageValue_RoundTripsAndZeroMeansDelete()
    {
        Assert.Empty(StorageValue.Encode(BigInteger.Zero));
        Assert.Equal([0x01], StorageValue.Encode(BigInteger.One));
        Assert.Equal(Convert.FromHexString("820100"), StorageValue.Encode(256));
        Assert.Equal(new BigInteger(256), StorageValue.Decode(Convert.FromHexString("820100")));
        Assert.Throws<TrieException>(() => StorageValue.Decode([0x80]));
        Assert.Throws<TrieException>(() => StorageValue.Decode(Convert.FromHexString("820001")));
        Assert.Throws<TrieException>(() => StorageValue.Decode(Convert.FromHexString("c101")));
    }

    private static byte[] Mutate(byte[] valid, int position, byte value, int cut)
    {
        var copy = (byte[])valid.Clone();
        copy[position] = value;
        return copy[..cut];
    }
}
