using System.Numerics;
using Hemi.Ethereum.Transactions;
using static Hemi.Ethereum.Tests.Transactions.TransactionTestData;

namespace Hemi.Ethereum.Tests.Transactions;

public sealed class SenderRecoveryValidationTests
{
    [Fact]
    public void RecoverSender_SignedTransactions_ReturnTheKeysAddress()
    {
        using var key = Key();
        var expected = Address.FromPublicKey(key.PublicKey);
        Assert.Equal(expected, DynamicFee().Sign(key).RecoverSender(743111));
        Assert.Equal(expected, Legacy(1).Sign(key).RecoverSender(1));
        Assert.Equal(expected, Legacy(null).Sign(key).RecoverSender());
        Assert.Equal(expected, (new AccessListTransaction { ChainId = 5, GasLimit = 21000 }).Sign(key).RecoverSender(5));
    }

    [Fact]
    public void Sign_ProducesLowS()
    {
        using var key = Key();
        for (ulong nonce = 0; nonce < 16; nonce++)
        {
            var signature = (DynamicFee() with { Nonce = nonce }).Sign(key).Signature!;
            Assert.True(signature.S <= CurveOrder / 2);
            Assert.True(signature.V == 0 || signature.V == 1);
        }
    }

    [Fact]
    public void RecoverSender_HighS_IsRejected()
    {
        using var key = Key();
        var signed = DynamicFee().Sign(key);
        var sig = signed.Signature!;
        // The malleable twin (n − s, flipped parity) is a valid ECDSA signature that Ethereum refuses.
        var twin = signed with { Signature = sig with { S = CurveOrder - sig.S, V = 1 - sig.V } };
        AssertRejected(TransactionValidationError.HighS, () => twin.RecoverSender());
    }

    [Theory]
    [InlineData("r0")]
    [InlineData("rn")]
    [InlineData("s0")]
    [InlineData("sn")]
    public void RecoverSender_ROrSOutOfRange_IsRejected(string which)
    {
        using var key = Key();
        var signed = DynamicFee().Sign(key);
        var sig = signed.Signature!;
        var (bad, error) = which switch
        {
            "r0" => (sig with { R = 0 }, TransactionValidationError.InvalidR),
            "rn" => (sig with { R = CurveOrder }, TransactionValidationError.InvalidR),
            "s0" => (sig with { S = 0 }, TransactionValidationError.InvalidS),
            _ => (sig with { S = CurveOrder }, TransactionValidationError.InvalidS),
        };
        AssertRejected(error, () => (signed with { Signature = bad }).RecoverSender());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(27)]
    public void RecoverSender_TypedYParityOtherThanZeroOrOne_IsRejected(int yParity)
    {
        using var key = Key();
        var signed = DynamicFee().Sign(key);
        var bad = signed with { Signature = signed.Signature! with { V = yParity } };
        AssertRejected(TransactionValidationError.InvalidV, () => bad.RecoverSender());
        // And it survives the wire: decoding keeps the value, recovery still rejects it.
        AssertRejected(TransactionValidationError.InvalidV, () => EthereumTransaction.Decode(bad.Encode()).RecoverSender());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(26)]
    [InlineData(29)]
    [InlineData(34)]
    public void RecoverSender_LegacyVOutsideTheAllowedValues_IsRejected(int v)
    {
        using var key = Key();
        var signed = Legacy(null).Sign(key);
        var bad = signed with { Signature = signed.Signature! with { V = v } };
        AssertRejected(TransactionValidationError.InvalidV, () => EthereumTransaction.Decode(bad.Encode()).RecoverSender());
    }

    [Fact]
    public void RecoverSender_Eip155VInconsistentWithChainId_IsRejected()
    {
        using var key = Key();
        var signed = Legacy(1).Sign(key);
        var bad = signed with { Signature = signed.Signature! with { V = 27 } };
        AssertRejected(TransactionValidationError.InvalidV, () => bad.RecoverSender());
        var wrongChain = signed with { Signature = signed.Signature! with { V = (2 * 2) + 35 } };
        AssertRejected(TransactionValidationError.InvalidV, () => wrongChain.RecoverSender());
    }

    [Fact]
    public void RecoverSender_WrongExpectedChainId_IsRejected()
    {
        using var key = Key();
        AssertRejected(TransactionValidationError.WrongChainId, () => DynamicFee().Sign(key).RecoverSender(1));
        AssertRejected(TransactionValidationError.WrongChainId, () => Legacy(1).Sign(key).RecoverSender(5));
        // A legacy tx signed for chain 1 and decoded: its chain comes from v.
        var decoded = EthereumTransaction.Decode(Legacy(1).Sign(key).Encode());
        Assert.Equal(1UL, decoded.ChainId);
        AssertRejected(TransactionValidationError.WrongChainId, () => decoded.RecoverSender(743111));
    }

    [Fact]
    public void RecoverSender_UnprotectedLegacy_RejectedOnlyWhenReplayProtectionIsRequired()
    {
        using var key = Key();
        var signed = Legacy(null).Sign(key);
        Assert.Equal(Address.FromPublicKey(key.PublicKey), signed.RecoverSender(1));
        AssertRejected(TransactionValidationError.MissingChainId, () => signed.RecoverSender(1, allowUnprotected: false));
        AssertRejected(TransactionValidationError.MissingChainId, () => signed.RecoverSender(allowUnprotected: false));
    }

    [Fact]
    public void RecoverSender_Unsigned_IsRejected()
    {
        AssertRejected(TransactionValidationError.Unsigned, () => DynamicFee().RecoverSender());
    }

    [Fact]
    public void RecoverSender_RThatIsNotACurveX_FailsRecovery()
    {
        using var key = Key();
        var signed = DynamicFee().Sign(key);
        var p = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber);
        // Euler's criterion: x³+7 is a non-residue mod p, so no point has this x.
        var r = Enumerable.Range(1, 100).Select(i => new BigInteger(i))
            .First(x => BigInteger.ModPow((BigInteger.Pow(x, 3) + 7) % p, (p - 1) / 2, p) == p - 1);
        var bad = signed with { Signature = signed.Signature! with { R = r } };
        AssertRejected(TransactionValidationError.RecoveryFailed, () => bad.RecoverSender());
    }

    [Fact]
    public void RecoverSender_TamperedField_RecoversADifferentAddress()
    {
        using var key = Key();
        var signed = DynamicFee().Sign(key);
        var tampered = signed with { Value = signed.Value + 1 };
        Assert.NotEqual(Address.FromPublicKey(key.PublicKey), tampered.RecoverSender());
    }

    private static void AssertRejected(TransactionValidationError expected, Action action)
    {
        var ex = Assert.Throws<TransactionValidationException>(action);
        Assert.Equal(expected, ex.Error);
    }
}
