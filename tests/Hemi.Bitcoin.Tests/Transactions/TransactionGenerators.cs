using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Tests.Transactions;

/// <summary>FsCheck generators of structurally valid transactions (random scripts, witnesses and amounts).</summary>
internal static class TransactionGenerators
{
    public static Gen<byte[]> Bytes(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n));

    public static Gen<Hash256> Hashes() =>
        Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 32).Select(b => Hash256.FromInternal(b));

    public static Arbitrary<Transaction> Transactions()
    {
        var witness = Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Bytes(80), n));
        var input =
            from txid in Hashes()
            from index in Gen.Choose(int.MinValue, int.MaxValue)
            from script in Bytes(300)
            from sequence in Gen.Choose(int.MinValue, int.MaxValue)
            from stack in witness
            select new TxIn(new OutPoint(txid, unchecked((uint)index)), script, unchecked((uint)sequence), stack);
        var output =
            from value in Gen.Choose(int.MinValue, int.MaxValue)
            from script in Bytes(260)
            select new TxOut((long)value * 977, script);
        var tx =
            from version in Gen.Choose(int.MinValue, int.MaxValue)
            from inputs in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(input, n))
            from outputs in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(output, n))
            from lockTime in Gen.Choose(int.MinValue, int.MaxValue)
            select new Transaction(version, inputs, outputs, unchecked((uint)lockTime));
        return Arb.From(tx);
    }
}
