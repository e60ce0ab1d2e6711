using FsCheck;
using FsCheck.Fluent;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Crypto.Tests.Secp256k1;

public sealed class EcdsaPropertyTests
{
    private static Arbitrary<(byte[] Secret, byte[] Hash)> KeyAndHash =>
        (from secret in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32).Where(k => PrivateKey.IsValid(k))
         from hash in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32)
         select (secret, hash)).ToArbitrary();

    [Fact]
    public void SignThenVerify_RoundTrips_AndRecoversTheKey()
    {
        Prop.ForAll(KeyAndHash, input =>
        {
            using var key = PrivateKey.FromBytes(input.Secret);
            var compact = Ecdsa.SignCompact(key, input.Hash);
            var der = Ecdsa.SignDer(key, input.Hash);
            var recoverable = Ecdsa.SignRecoverable(key, input.Hash);
            var schnorr = Schnorr.Sign(key, input.Hash);
            var otherHash = Sha256.Hash(input.Hash);
            return Ecdsa.VerifyCompact(key.PublicKey, input.Hash, compact) &&
                   !Ecdsa.VerifyCompact(key.PublicKey, otherHash, compact) &&
                   Ecdsa.VerifyDer(key.PublicKey, input.Hash, der, requireLowS: true) &&
                   Ecdsa.IsStrictDer(der) &&
                   recoverable.Compact64.SequenceEqual(compact) &&
                   Ecdsa.Recover(input.Hash, compact, recoverable.RecoveryId).Equals(key.PublicKey) &&
                   Schnorr.Verify(key.XOnlyPublicKey, input.Hash, schnorr) &&
                   !Schnorr.Verify(key.XOnlyPublicKey, otherHash, schnorr);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TaprootTweak_PrivateAndPublicSidesAgree()
    {
        Prop.ForAll(KeyAndHash, input =>
        {
            using var key = PrivateKey.FromBytes(input.Secret);
            using var tweaked = Taproot.TweakPrivateKey(key, input.Hash);
            using var keyPathOnly = Taproot.TweakPrivateKey(key, []);
            return Taproot.TweakPublicKey(key.XOnlyPublicKey, input.Hash, out _).Equals(tweaked.XOnlyPublicKey) &&
                   Taproot.TweakPublicKey(key.XOnlyPublicKey, [], out _).Equals(keyPathOnly.XOnlyPublicKey);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void GarbageSignatures_NeverThrowAndNeverVerify()
    {
        using var key = PrivateKey.FromBytes(Hex.Decode("0000000000000000000000000000000000000000000000000000000000000005"));
        var hash = Sha256.Hash("garbage"u8);
        var garbage = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            from length in Gen.Choose(0, 80)
            from body in Gen.ArrayOf(Gen.Elements<byte>(0x00, 0x01, 0x02, 0x20, 0x21, 0x30, 0x44, 0x80, 0x81, 0x82, 0xFF), length)
            select (byte[])[0x30, .. body]);

        Prop.ForAll(garbage.ToArbitrary(), data =>
        {
            // The encoding predicates and recovery must simply answer (recovery from random r‖s often succeeds,
            // it just yields some unrelated key); the verifiers must answer false.
            _ = Ecdsa.IsStrictDer(data);
            _ = Ecdsa.IsLowS(data);
            _ = Ecdsa.TryRecover(hash, data, 0, out _);
            return !Ecdsa.VerifyDer(key.PublicKey, hash, data) &&
                   !Ecdsa.VerifyDer(key.PublicKey, hash, data, DerParsing.Lax) &&
                   !Ecdsa.VerifyCompact(key.PublicKey, hash, data);
        })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MutatedValidDer_OnlyVerifiesUnderLaxIfStrictRejectsTheEncoding()
    {
        using var key = PrivateKey.FromBytes(Hex.Decode("0000000000000000000000000000000000000000000000000000000000000005"));
        var hash = Sha256.Hash("mutate"u8);
        var der = Ecdsa.SignDer(key, hash);
        var mutation =
            from index in Gen.Choose(0, der.Length - 1)
            from value in ArbMap.Default.GeneratorFor<byte>()
            select (index, value);

        Prop.ForAll(mutation.ToArbitrary(), m =>
        {
            var copy = (byte[])der.Clone();
            copy[m.index] = m.value;
            var strict = Ecdsa.VerifyDer(key.PublicKey, hash, copy);

            // Strict acceptance implies a canonical encoding and lax acceptance too.
            return !strict || (Ecdsa.IsStrictDer(copy) && Ecdsa.VerifyDer(key.PublicKey, hash, copy, DerParsing.Lax));
        }).QuickCheckThrowOnFailure();
    }
}
