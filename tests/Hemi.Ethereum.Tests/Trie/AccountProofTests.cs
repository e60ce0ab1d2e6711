using System.Numerics;
using Hemi.Crypto;
using Hemi.Ethereum.Trie;

namespace Hemi.Ethereum.Tests.Trie;

public sealed class AccountProofTests
{
    private static readonly Address Alice = Address.Parse("0x1111111111111111111111111111111111111111");
    private static readonly Address Bob = Address.Parse("0x2222222222222222222222222222222222222222");
    private static readonly Address Carol = Address.Parse("0x3333333333333333333333333333333333333333");
    private static readonly Address Nobody = Address.Parse("0x4444444444444444444444444444444444444444");

    private static readonly Hash32 SlotZero = new(new byte[32]);
    private static readonly Hash32 SlotOne = Slot(1);
    private static readonly Hash32 SlotBig = Slot(0x1234);
    private static readonly Hash32 SlotUnset = Slot(99);

    [Fact]
    public void BuiltProofs_VerifyForEveryAccountAndSlot()
    {
        var (state, root) = BuildState();
        foreach (var address in new[] { Alice, Bob, Carol })
        {
            var proof = AccountProofBuilder.Build(state, address, [SlotZero, SlotOne, SlotBig, SlotUnset]);
            var account = AccountProofVerifier.Verify(root, proof);

            Assert.NotNull(account);
            Assert.Equal(AccountState.Decode(state.Get(address.AsSpan())!), account);
            Assert.Equal(BigInteger.Zero, proof.StorageProof[3].Value);
        }

        var bob = AccountProofBuilder.Build(state, Bob, [SlotZero, SlotOne, SlotBig]);
        Assert.Equal(new BigInteger(42), bob.StorageProof[0].Value);
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture), bob.StorageProof[2].Value);
    }

    [Fact]
    public void AbsentAccount_VerifiesAsNull_WithEmptyFields()
    {
        var (state, root) = BuildState();
        var proof = AccountProofBuilder.Build(state, Nobody, [SlotOne]);

        Assert.Null(AccountProofVerifier.Verify(root, proof));
        Assert.Equal(PatriciaTrie.EmptyRootHash, proof.StorageHash);
        Assert.Equal(BigInteger.Zero, proof.StorageProof[0].Value);
        Assert.Null(AccountProofVerifier.Verify(root, proof with { CodeHash = Hash32.Zero, StorageHash = Hash32.Zero }));
    }

    [Fact]
    public void AbsentAccount_ClaimingABalance_IsRejected()
    {
        var (state, root) = BuildState();
        var proof = AccountProofBuilder.Build(state, Nobody, []);

        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, proof with { Balance = 1 }));
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, proof with { StorageProof = [new StorageProof(SlotOne, 5, [])] }));
    }

    [Fact]
    public void WrongClaims_AreRejected()
    {
        var (state, root) = BuildState();
        var proof = AccountProofBuilder.Build(state, Bob, [SlotZero, SlotOne]);
        Assert.NotNull(AccountProofVerifier.Verify(root, proof));

        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, proof with { Balance = proof.Balance + 1 }));
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, proof with { Nonce = proof.Nonce + 1 }));
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, proof with { CodeHash = AccountState.EmptyCodeHash }));
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, proof with { StorageHash = PatriciaTrie.EmptyRootHash }));
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, proof with { Address = Carol }));
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(new Hash32(Keccak256.Hash("x"u8)), proof));

        var wrongValue = proof with { StorageProof = [proof.StorageProof[0] with { Value = 43 }, proof.StorageProof[1]] };
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, wrongValue));

        // Slot 0's proof presented as slot 1's.
        var swapped = proof with { StorageProof = [proof.StorageProof[0] with { Key = SlotOne }] };
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, swapped));

        var claimsZero = proof with { StorageProof = [proof.StorageProof[0] with { Value = 0 }] };
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, claimsZero));
        Assert.False(AccountProofVerifier.TryVerify(root, claimsZero, out _));
    }

    [Fact]
    public void TamperedProofNodes_AreRejected()
    {
        var (state, root) = BuildState();
        var proof = AccountProofBuilder.Build(state, Bob, [SlotBig]);

        var accountNodes = proof.AccountProofNodes.Select(n => (byte[])n.Clone()).ToArray();
        accountNodes[^1][^1] ^= 1;
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, proof with { AccountProofNodes = accountNodes }));

        var storageNodes = proof.StorageProof[0].Proof.Select(n => (byte[])n.Clone()).ToArray();
        storageNodes[0][5] ^= 1;
        var tamperedStorage = proof with { StorageProof = [proof.StorageProof[0] with { Proof = storageNodes }] };
        Assert.Throws<TrieProofException>(() => AccountProofVerifier.Verify(root, tamperedStorage));
    }

    [Fact]
    public void Build_WithUncommittedStorageTrie_UsesIt()
    {
        var storage = new SecureTrie();
        storage.Put(SlotOne.AsSpan(), StorageValue.Encode(7));
        var state = new SecureTrie();
        state.Put(Alice.AsSpan(), new AccountState(3, 10, storage.RootHash, AccountState.EmptyCodeHash).Encode());

        var proof = AccountProofBuilder.Build(state, Alice, [SlotOne], storage);

        Assert.Equal(new BigInteger(7), proof.StorageProof[0].Value);
        Assert.NotNull(AccountProofVerifier.Verify(state.RootHash, proof));
        Assert.Throws<ArgumentException>(() => AccountProofBuilder.Build(state, Alice, [SlotOne], new SecureTrie()));
    }

    private static (SecureTrie State, Hash32 Root) BuildState()
    {
        var store = new InMemoryTrieNodeStore();
        var state = new SecureTrie(store);

        state.Put(Alice.AsSpan(), new AccountState(1, 1_000_000, PatriciaTrie.EmptyRootHash, AccountState.EmptyCodeHash).Encode());

        var bobStorage = new SecureTrie(store);
        bobStorage.Put(SlotZero.AsSpan(), StorageValue.Encode(42));
        bobStorage.Put(SlotOne.AsSpan(), StorageValue.Encode(BigInteger.One << 255));
        bobStorage.Put(SlotBig.AsSpan(), StorageValue.Encode(BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture)));
        var bobCode = new Hash32(Keccak256.Hash([0x60, 0x00, 0x60, 0x00, 0xf3]));
        state.Put(Bob.AsSpan(), new AccountState(7, BigInteger.Pow(10, 20), bobStorage.Commit(), bobCode).Encode());

        var carolStorage = new SecureTrie(store);
        carolStorage.Put(SlotOne.AsSpan(), StorageValue.Encode(1));
        state.Put(Carol.AsSpan(), new AccountState(0, 0, carolStorage.Commit(), bobCode).Encode());

        // Unrelated accounts so the proofs pass through branches and extensions.
        for (var i = 0; i < 200; i++)
        {
            var address = new byte[20];
            address[0] = 0xee;
            address[19] = (byte)i;
            state.Put(address, new AccountState((ulong)i, i, PatriciaTrie.EmptyRootHash, AccountState.EmptyCodeHash).Encode());
        }

        return (state, state.Commit());
    }

    private static Hash32 Slot(int value)
    {
        var bytes = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(28), value);
        return new Hash32(bytes);
    }
}
