using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum;
using Hemi.Grains.L2;
using Hemi.Grains.L2.Ingress;

namespace Hemi.Grains.Tests.L2;

public sealed class TransactionIngressTests
{
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000B0");

    [Fact]
    public void Decode_RecoversTheSenderAndHash()
    {
        using var key = Hemi.Crypto.Secp256k1.PrivateKey.FromBytes(Hemi.Crypto.Sha256.Hash("ingress"u8));
        var raw = L2Harness.Transfer(key, Recipient, 1, 0);
        var submitted = TransactionIngressGrain.Decode(raw, L2Harness.ChainId, 1024);
        Assert.Equal(L2Harness.AddressOf(key), submitted.Sender);
        Assert.Equal(new Hash32(Hemi.Crypto.Keccak256.Hash(raw)), submitted.Hash);
        Assert.Equal(submitted.Transaction.Transaction.GetHash(), submitted.Hash);
        Assert.Equal(TransactionRejectionReason.Malformed, Assert.Throws<TransactionRejectedException>(() => TransactionIngressGrain.Decode(raw, L2Harness.ChainId, raw.Length - 1)).Reason);
        Assert.Equal(TransactionRejectionReason.WrongChainId, Assert.Throws<TransactionRejectedException>(() => TransactionIngressGrain.Decode(raw, 1, 1024)).Reason);
    }

    [Fact]
    public void Decode_GarbageAndDamagedTransactions_OnlyGiveRejections()
    {
        using var key = Hemi.Crypto.Secp256k1.PrivateKey.FromBytes(Hemi.Crypto.Sha256.Hash("ingress"u8));
        var raw = L2Harness.Transfer(key, Recipient, 1, 0);
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), garbage => RejectsCleanly(garbage)).QuickCheckThrowOnFailure();
        Prop.ForAll(Gen.Choose(0, raw.Length - 1).ToArbitrary(), ArbMap.Default.ArbFor<byte>(), (index, value) =>
            {
                var damaged = (byte[])raw.Clone();
                damaged[index] ^= (byte)(value | 1);
                return RejectsCleanly(damaged);
            })
            .QuickCheckThrowOnFailure();
    }

    private static bool RejectsCleanly(byte[] bytes)
    {
        try
        {
            TransactionIngressGrain.Decode(bytes, L2Harness.ChainId, 4096);
            return true;
        }
        catch (TransactionRejectedException e)
        {
            return e.Message.Length > 0;
        }
    }
}
