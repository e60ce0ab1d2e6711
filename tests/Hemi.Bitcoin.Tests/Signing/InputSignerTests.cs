using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Signing;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Bitcoin.Tests.Signing;

public sealed class InputSignerTests
{
    private enum Kind
    {
        P2pkh,
        P2pkhUncompressed,
        P2wpkh,
        P2shP2wpkh,
        P2tr,
    }

    [Fact]
    public void Bip143SignedTransactions_Verify()
    {
        var p2wpkh = Transaction.Parse(Convert.FromHexString(Bip143Examples.SignedP2wpkh));
        var spent = new TxOut(600_000_000, Convert.FromHexString("00141d0f172a0ecb48aee1be1f2687d2963ae33f71a1"));
        Assert.True(InputSigner.Verify(p2wpkh, 1, spent, null, out var error), error);
        Assert.False(InputSigner.Verify(p2wpkh, 1, new TxOut(600_000_001, spent.ScriptPubKey)));

        var p2sh = Transaction.Parse(Convert.FromHexString(Bip143Examples.SignedP2shP2wpkh));
        var spentP2sh = new TxOut(1_000_000_000, Convert.FromHexString("a9144733f37cf4db86fbc2efed2500b4f4e49f31202387"));
        Assert.True(InputSigner.Verify(p2sh, 0, spentP2sh, null, out error), error);
        Assert.False(InputSigner.Verify(p2sh, 0, new TxOut(1_000_000_000, Convert.FromHexString("a9144733f37cf4db86fbc2efed2500b4f4e49f31202388"))));
    }

    [Fact]
    public void Bip143NativeP2wpkh_SigningWithThePrivateKey_Verifies()
    {
        var c = Bip143Examples.All[0];
        var tx = Transaction.Parse(Convert.FromHexString(c.UnsignedTx));
        var spent = new TxOut(600_000_000, Convert.FromHexString("00141d0f172a0ecb48aee1be1f2687d2963ae33f71a1"));
        using var key = PrivateKey.FromBytes(Convert.FromHexString("619c335025c7f4012e556c2a58b2506e30b8511b53ade95ea316fd8c3286feb9"));
        var signedInput = InputSigner.Sign(tx, 1, spent, key, new PrecomputedTransactionData(tx));
        Assert.Equal(c.PublicKey, Convert.ToHexStringLower(signedInput.Witness[1]));
        var inputs = tx.Inputs.ToArray();
        inputs[1] = signedInput;
        var signed = new Transaction(tx.Version, inputs, tx.Outputs, tx.LockTime);
        Assert.True(InputSigner.Verify(signed, 1, spent, null, out var error), error);
    }

    [Fact]
    public void RandomTransactions_SignThenVerify_AndTamperingFails()
    {
        var gen =
            from count in Gen.Choose(1, 4)
            from kinds in Gen.ArrayOf(Gen.Elements(Enum.GetValues<Kind>()), count)
            from amounts in Gen.ArrayOf(Gen.Choose(1000, 100_000_000), count)
            from outputs in Gen.Choose(1, 3)
            from version in Gen.Choose(1, 2)
            from lockTime in Gen.Choose(0, 1_000_000)
            from tamper in Gen.Choose(0, 3)
            select (kinds, amounts, outputs, version, (uint)lockTime, tamper);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (kinds, amounts, outputCount, version, lockTime, tamper) = t;
            var keys = kinds.Select(_ => PrivateKey.Generate()).ToArray();
            try
            {
                var spent = kinds.Select((k, i) => new TxOut(amounts[i], ScriptFor(k, keys[i]))).ToArray();
                var inputs = kinds.Select((_, i) => new TxIn(new OutPoint(Hash256.DoubleSha256([(byte)i, (byte)version]), (uint)i), [], 0xfffffffdu)).ToArray();
                var outs = Enumerable.Range(0, outputCount).Select(i => new TxOut(500 + i, ScriptTemplates.PayToWitnessPubKeyHash(new byte[20]))).ToArray();
                var unsigned = new Transaction(version, inputs, outs, lockTime);
                var signed = TransactionSigner.Sign(unsigned, spent, keys);
                Assert.True(TransactionSigner.VerifyAll(signed, spent, out var error), error);
                Assert.Equal(unsigned.GetTxId() == signed.GetTxId(), kinds.All(k => k is Kind.P2wpkh or Kind.P2tr));

                // Any change to what was signed breaks every signature that commits to it.
                var tampered = tamper switch
                {
                    0 => new Transaction(signed.Version, signed.Inputs, [.. signed.Outputs.Select((o, i) => i == 0 ? new TxOut(o.Value + 1, o.ScriptPubKey) : o)], signed.LockTime),
                    1 => new Transaction(signed.Version, signed.Inputs, signed.Outputs, signed.LockTime + 1),
                    2 => new Transaction(signed.Version + 1, signed.Inputs, signed.Outputs, signed.LockTime),
                    _ => new Transaction(signed.Version, [.. signed.Inputs.Select(i => new TxIn(i.PrevOut, i.ScriptSig, i.Sequence - 1, i.Witness))], signed.Outputs, signed.LockTime),
                };
                Assert.False(TransactionSigner.VerifyAll(tampered, spent));

                // A different amount for the first spent output breaks segwit/taproot signatures (legacy ones do not commit to amounts).
                var otherAmounts = spent.Select((s, i) => i == 0 ? new TxOut(s.Value + 1, s.ScriptPubKey) : s).ToArray();
                Assert.Equal(kinds[0] is Kind.P2pkh or Kind.P2pkhUncompressed, InputSigner.Verify(signed, 0, otherAmounts[0], new PrecomputedTransactionData(signed, otherAmounts)));
                return true;
            }
            finally
            {
                foreach (var key in keys)
                {
                    key.Dispose();
                }
            }
        }));
    }

    [Fact]
    public void Verify_RejectsHighS_NonStrictDer_WrongKey_AndUndefinedHashType()
    {
        using var key = PrivateKey.Generate();
        using var other = PrivateKey.Generate();
        var spent = new TxOut(10_000, ScriptTemplates.PayToWitnessPubKeyHashOfKey(key.PublicKey.ToCompressed()));
        var unsigned = new Transaction(2, [new TxIn(new OutPoint(Hash256.Zero, 3), [], 0)], [new TxOut(9000, [0x51])], 0);
        var signed = TransactionSigner.Sign(unsigned, [spent], [key]);
        Assert.True(TransactionSigner.VerifyAll(signed, [spent]));
        var sig = signed.Inputs[0].Witness[0];
        var pub = signed.Inputs[0].Witness[1];

        Assert.False(VerifyWithWitness(unsigned, spent, [HighS(sig), pub]), "high S");
        Assert.False(VerifyWithWitness(unsigned, spent, [[.. sig[..^1], 0x04], pub]), "undefined hash type");
        Assert.False(VerifyWithWitness(unsigned, spent, [[.. sig[..^1], 0x00, sig[^1]], pub]), "trailing garbage in DER");
        Assert.False(VerifyWithWitness(unsigned, spent, [sig, other.PublicKey.ToCompressed()]), "wrong key");
        Assert.False(VerifyWithWitness(unsigned, spent, [sig]), "missing key");
        Assert.Throws<SigningException>(() => InputSigner.Sign(unsigned, 0, spent, other, new PrecomputedTransactionData(unsigned)));
        Assert.Throws<SigningException>(() => InputSigner.Sign(unsigned, 0, new TxOut(1, ScriptTemplates.NullData([1])), key, new PrecomputedTransactionData(unsigned)));
    }

    [Fact]
    public void Taproot_DefaultAndExplicitHashTypes_BothVerify()
    {
        using var key = PrivateKey.Generate();
        var outputKey = Crypto.Secp256k1.Taproot.TweakPublicKey(key.XOnlyPublicKey, [], out _);
        var spent = new TxOut(50_000, ScriptTemplates.PayToTaproot(outputKey.ToBytes()));
        var unsigned = new Transaction(2, [new TxIn(new OutPoint(Hash256.Zero, 0), [], 0)], [new TxOut(40_000, [0x51])], 0);
        foreach (var hashType in new[] { SigHashType.Default, SigHashType.All, SigHashType.Single | SigHashType.AnyoneCanPay })
        {
            var signed = TransactionSigner.Sign(unsigned, [spent], [key], hashType);
            Assert.Equal(hashType == SigHashType.Default ? 64 : 65, signed.Inputs[0].Witness[0].Length);
            Assert.True(TransactionSigner.VerifyAll(signed, [spent], out var error), error);
        }
    }

    private static bool VerifyWithWitness(Transaction unsigned, TxOut spent, byte[][] witness)
    {
        var tx = new Transaction(unsigned.Version, [unsigned.Inputs[0].WithWitness(witness)], unsigned.Outputs, unsigned.LockTime);
        return InputSigner.Verify(tx, 0, spent);
    }

    // Replaces S by n - S in a DER signature (keeping the sighash byte): same validity, but high S.
    private static byte[] HighS(byte[] sigWithHashType)
    {
        var n = System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var der = sigWithHashType.AsSpan(0, sigWithHashType.Length - 1);
        int rLen = der[3];
        var r = der.Slice(4, rLen).ToArray();
        int sLen = der[5 + rLen];
        var s = new System.Numerics.BigInteger(der.Slice(6 + rLen, sLen), isUnsigned: true, isBigEndian: true);
        var highS = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] sBytes = (highS[0] & 0x80) != 0 ? [0, .. highS] : highS;
        byte[] body = [0x02, (byte)r.Length, .. r, 0x02, (byte)sBytes.Length, .. sBytes];
        return [0x30, (byte)body.Length, .. body, sigWithHashType[^1]];
    }

    private static byte[] ScriptFor(Kind kind, PrivateKey key) => kind switch
    {
        Kind.P2pkh => ScriptTemplates.PayToPubKeyHashOfKey(key.PublicKey.ToCompressed()),
        Kind.P2pkhUncompressed => ScriptTemplates.PayToPubKeyHashOfKey(key.PublicKey.ToUncompressed()),
        Kind.P2wpkh => ScriptTemplates.PayToWitnessPubKeyHashOfKey(key.PublicKey.ToCompressed()),
        Kind.P2shP2wpkh => ScriptTemplates.PayToScriptHashOfScript(ScriptTemplates.PayToWitnessPubKeyHashOfKey(key.PublicKey.ToCompressed())),
        _ => ScriptTemplates.PayToTaproot(Crypto.Secp256k1.Taproot.TweakPublicKey(key.XOnlyPublicKey, [], out _).ToBytes()),
    };
}
