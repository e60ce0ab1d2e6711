using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum.Transactions;
using static Hemi.Ethereum.Tests.Transactions.TransactionTestData;

namespace Hemi.Ethereum.Tests.Transactions;

public sealed class TransactionPropertyTests
{
    private static readonly Gen<byte> Bytes = ArbMap.Default.GeneratorFor<byte>();

    private static readonly Gen<BigInteger> UInt256 =
        from length in Gen.Choose(0, 32)
        from bytes in Gen.ArrayOf(Bytes, length)
        select new BigInteger(bytes, isUnsigned: true, isBigEndian: true);

    private static readonly Gen<ulong> UInt64 =
        Gen.OneOf(ArbMap.Default.GeneratorFor<ulong>(), Gen.Choose(0, 300).Select(i => (ulong)i), Gen.Constant(ulong.MaxValue));

    private static readonly Gen<Address?> Recipient =
        Gen.OneOf(Gen.Constant<Address?>(null), Gen.ArrayOf(Bytes, 20).Select(b => (Address?)new Address(b)));

    private static readonly Gen<IReadOnlyList<AccessListEntry>> AccessLists =
        from count in Gen.Choose(0, 3)
        from entries in Gen.ArrayOf(
            from address in Gen.ArrayOf(Bytes, 20)
            from keyCount in Gen.Choose(0, 3)
            from keys in Gen.ArrayOf(Gen.ArrayOf(Bytes, 32).Select(k => new Hash32(k)), keyCount)
            select new AccessListEntry(new Address(address), keys),
            count)
        select (IReadOnlyList<AccessListEntry>)entries;

    private static readonly Gen<EthereumTransaction> Transactions =
        from type in Gen.Choose(0, 3)
        from chainId in UInt64
        from nonce in UInt64
        from gasLimit in UInt64
        from price in UInt256
        from tip in UInt256
        from to in Recipient
        from value in UInt256
        from dataLength in Gen.Choose(0, 120)
        from data in Gen.ArrayOf(Bytes, dataLength)
        from accessList in AccessLists
        select type switch
        {
            0 => (EthereumTransaction)new LegacyTransaction { Nonce = nonce, GasPrice = price, GasLimit = gasLimit, To = to, Value = value, Data = data },
            // Keep chainId·2+36 inside 64 bits for EIP-155 legacy, as real chains do.
            1 => new LegacyTransaction { ChainId = chainId >> 2, Nonce = nonce, GasPrice = price, GasLimit = gasLimit, To = to, Value = value, Data = data },
            2 => new AccessListTransaction
            {
                ChainId = chainId, Nonce = nonce, GasPrice = price, GasLimit = gasLimit, To = to, Value = value, Data = data, AccessList = accessList,
            },
            _ => new DynamicFeeTransaction
            {
                ChainId = chainId, Nonce = nonce, MaxPriorityFeePerGas = tip, MaxFeePerGas = price, GasLimit = gasLimit, To = to,
                Value = value, Data = data, AccessList = accessList,
            },
        };

    [Fact]
    public void EncodeDecode_RoundTripsUnsignedAndSigned_AndRecoversTheSigner()
    {
        using var key = Key();
        var signer = Address.FromPublicKey(key.PublicKey);
        Prop.ForAll(Transactions.ToArbitrary(), tx =>
        {
            var unsigned = EthereumTransaction.Decode(tx.Encode());
            var signed = tx.Sign(key);
            var decoded = EthereumTransaction.Decode(signed.Encode());
            return unsigned.Equals(tx)
                && unsigned.GetType() == tx.GetType()
                && decoded.Equals(signed)
                && decoded.GetHash() == signed.GetHash()
                && decoded.RecoverSender(tx.ChainId) == signer;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_GarbageAndMutations_OnlyThrowFormatExceptions_AndAcceptedInputIsCanonical()
    {
        using var key = Key();
        var garbage = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => (byte[])[0x02, .. b]),
            from tx in Transactions
            from position in Gen.Choose(0, 4000)
            from value in Bytes
            from cut in Gen.Choose(0, 3)
            select Mutate(tx.Sign(key).Encode(), position, value, cut)).ToArbitrary();

        Prop.ForAll(garbage, bytes =>
        {
            try
            {
                var tx = EthereumTransaction.Decode(bytes);
                return tx.Encode().AsSpan().SequenceEqual(bytes);
            }
            catch (EthereumFormatException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    private static byte[] Mutate(byte[] encoded, int position, byte value, int cut)
    {
        var copy = (byte[])encoded.Clone();
        copy[position % copy.Length] = value;
        return cut == 0 ? copy[..(position % copy.Length)] : copy;
    }
}
