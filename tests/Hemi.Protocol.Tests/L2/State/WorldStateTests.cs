using System.Numerics;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Ethereum.Rlp;
using Hemi.Ethereum.Trie;
using Hemi.Protocol.L2.State;
using RlpCodec = Hemi.Ethereum.Rlp.Rlp;

namespace Hemi.Protocol.Tests.L2.State;

public sealed class WorldStateTests
{
    private static readonly Address Alice = Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    private static readonly Address Bob = Address.Parse("0x095e7baea6a6c7c4c2dfeb977efac326af552d87");

    // The account RLP written out field by field, independently of AccountState.Encode.
    private static byte[] AccountRlp(ulong nonce, BigInteger balance, Hash32 storageRoot, Hash32 codeHash) =>
        RlpCodec.EncodeList(
            RlpCodec.EncodeUInt64(nonce),
            RlpCodec.EncodeBigInteger(balance),
            RlpCodec.EncodeString(storageRoot.AsSpan()),
            RlpCodec.EncodeString(codeHash.AsSpan()));

    [Fact]
    public void EmptyState_HasTheEmptyTrieRoot()
    {
        Assert.Equal(Hash32.Parse("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"), new WorldState().StateRoot);
    }

    [Fact]
    public void SingleAccount_RootEqualsIndependentSecureTrie()
    {
        var state = new WorldState();
        state.SetBalance(Alice, BigInteger.Parse("1000000000000000000"));
        state.SetNonce(Alice, 3);

        var trie = new SecureTrie();
        trie.Put(Alice.AsSpan(), AccountRlp(3, BigInteger.Parse("1000000000000000000"), PatriciaTrie.EmptyRootHash, AccountState.EmptyCodeHash));
        Assert.Equal(trie.RootHash, state.StateRoot);
    }

    [Fact]
    public void Storage_RootEqualsIndependentStorageTrie_AndSlotsReadBack()
    {
        var state = new WorldState();
        var slot = StorageSlots.Slot(5);
        state.SetStorage(Bob, slot, 0x1234);
        state.SetBalance(Bob, 1);

        var storage = new SecureTrie();
        storage.Put(slot.AsSpan(), RlpCodec.EncodeBigInteger(0x1234));
        var accounts = new SecureTrie();
        accounts.Put(Bob.AsSpan(), AccountRlp(0, 1, storage.RootHash, AccountState.EmptyCodeHash));

        Assert.Equal(accounts.RootHash, state.StateRoot);
        Assert.Equal(new BigInteger(0x1234), state.GetStorage(Bob, slot));
        Assert.Equal(BigInteger.Zero, state.GetStorage(Bob, StorageSlots.Slot(6)));
    }

    [Fact]
    public void WritingZero_DeletesTheSlot_AndEmptyAccountsLeaveTheTrie()
    {
        var state = new WorldState();
        var empty = state.StateRoot;
        state.SetStorage(Bob, StorageSlots.Slot(1), 9);
        Assert.NotEqual(empty, state.StateRoot);
        state.SetStorage(Bob, StorageSlots.Slot(1), 0);
        Assert.Equal(empty, state.StateRoot);
        state.SetBalance(Alice, 5);
        state.SetBalance(Alice, 0);
        Assert.Equal(empty, state.StateRoot);
    }

    [Fact]
    public void Revert_UndoesBalanceNonceAndStorage_EvenAcrossARootComputation()
    {
        var state = new WorldState();
        state.SetBalance(Alice, 100);
        state.SetStorage(Bob, StorageSlots.Slot(0), 1);
        var before = state.StateRoot;

        var snapshot = state.Snapshot();
        state.SetBalance(Alice, 50);
        state.SetNonce(Alice, 9);
        state.SetStorage(Bob, StorageSlots.Slot(0), 2);
        state.SetStorage(Bob, StorageSlots.Slot(7), 3);
        Assert.NotEqual(before, state.StateRoot);
        state.SetBalance(Bob, 4);
        state.Revert(snapshot);

        Assert.Equal(before, state.StateRoot);
        Assert.Equal(new BigInteger(100), state.GetBalance(Alice));
        Assert.Equal(0UL, state.GetNonce(Alice));
        Assert.Equal(BigInteger.One, state.GetStorage(Bob, StorageSlots.Slot(0)));
        Assert.Equal(BigInteger.Zero, state.GetStorage(Bob, StorageSlots.Slot(7)));
    }

    [Fact]
    public void Revert_AfterPendingStorageWasFlushed_KeepsTheStorageRootTrue()
    {
        var state = new WorldState();
        state.SetStorage(Bob, StorageSlots.Slot(0), 1);
        var snapshot = state.Snapshot();
        state.SetBalance(Bob, 10);
        _ = state.StateRoot;
        state.Revert(snapshot);

        var expected = new WorldState();
        expected.SetStorage(Bob, StorageSlots.Slot(0), 1);
        Assert.Equal(expected.StateRoot, state.StateRoot);
    }

    [Fact]
    public void Commit_PersistsNodes_SoAReopenedStateReadsTheSameValues()
    {
        var store = new InMemoryTrieNodeStore();
        var state = new WorldState(store, PatriciaTrie.EmptyRootHash);
        NativeContracts.Install(state);
        state.SetBalance(Alice, 77);
        state.SetStorage(Bob, StorageSlots.Slot(3), 33);
        var root = state.Commit();

        var reopened = new WorldState(store, root);
        Assert.Equal(root, reopened.StateRoot);
        Assert.Equal(new BigInteger(77), reopened.GetBalance(Alice));
        Assert.Equal(new BigInteger(33), reopened.GetStorage(Bob, StorageSlots.Slot(3)));
        Assert.Equal(NativeContracts.HvmState.Code, reopened.GetCode(NativeContracts.HvmState.Address));
        Assert.Empty(reopened.GetCode(Alice));
    }

    [Fact]
    public void NativeContracts_HaveDeterministicNonEmptyMarkerCode()
    {
        var state = new WorldState();
        NativeContracts.Install(state);
        foreach (var contract in NativeContracts.All)
        {
            var code = state.GetCode(contract.Address);
            Assert.Equal(0xFE, code[0]);
            Assert.Equal([0xFE, .. "hemi.native:"u8.ToArray(), .. System.Text.Encoding.ASCII.GetBytes(contract.Name)], code);
            Assert.Equal(new Hash32(Keccak256.Hash(code)), state.GetCodeHash(contract.Address));
        }

        Assert.NotEqual(NativeContracts.HvmState.CodeHash, NativeContracts.GovernanceToken.CodeHash);
    }

    [Fact]
    public void GetProof_VerifiesAgainstTheStateRoot()
    {
        var state = new WorldState();
        state.SetBalance(Alice, 12345);
        state.SetNonce(Alice, 2);
        state.SetStorage(Alice, StorageSlots.Slot(1), 99);
        state.SetBalance(Bob, 1);

        var proof = state.GetProof(Alice, [StorageSlots.Slot(1), StorageSlots.Slot(2)]);
        var account = AccountProofVerifier.Verify(state.StateRoot, proof);
        Assert.NotNull(account);
        Assert.Equal(new BigInteger(12345), account.Balance);
        Assert.Equal(2UL, account.Nonce);
        Assert.Equal(new BigInteger(99), proof.StorageProof[0].Value);
        Assert.Equal(BigInteger.Zero, proof.StorageProof[1].Value);
    }

    [Fact]
    public void SetBalance_RejectsValuesOutside256Bits()
    {
        var state = new WorldState();
        Assert.Throws<ArgumentOutOfRangeException>(() => state.SetBalance(Alice, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => state.SetBalance(Alice, BigInteger.One << 256));
        Assert.Throws<InvalidOperationException>(() => state.SubtractBalance(Alice, 1));
    }
}
