using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Transactions;
using Hemi.Ethereum.Trie;
using Hemi.Grains.L2.Storage;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Grains.Tests.L2;

public sealed class SealedBlockCodecTests
{
    internal static SealedL2Block SampleBlock(int userTransactions, string? failure = "out of gas")
    {
        using var key = PrivateKey.FromBytes(Sha256.Hash("codec key"u8));
        var transactions = new List<L2Transaction> { BitcoinAttributesTransaction.Create(new BitcoinAttributesCall(Hash256.Zero, [])) };
        var results = new List<TransactionResult> { new(Receipt.Create((TransactionType)0x7C, true, 0, []), Hemi.Protocol.Chain.SystemAddresses.SystemSender, 0, 0, null) };
        for (var i = 0; i < userTransactions; i++)
        {
            var tx = new DynamicFeeTransaction { ChainId = 7, Nonce = (ulong)i, MaxFeePerGas = 10, MaxPriorityFeePerGas = 1, GasLimit = 21_000, To = Address.Zero, Value = i }.Sign(key);
            transactions.Add(new UserTransaction(tx));
            var log = new Log(Address.Zero, [Hash32.Zero], [1, 2, 3]);
            results.Add(new TransactionResult(Receipt.Create(TransactionType.DynamicFee, i % 2 == 0, (ulong)(i + 1) * 21_000, i % 2 == 0 ? [log] : []), Address.FromPublicKey(key.PublicKey), 21_000, new BigInteger(7 + i), i % 2 == 0 ? null : failure));
        }

        var receipts = results.Select(r => r.Receipt).ToArray();
        var header = new L2BlockHeader
        {
            ParentHash = new Hash32(Keccak256.Hash("parent"u8)),
            StateRoot = PatriciaTrie.EmptyRootHash,
            TransactionsRoot = BlockRoots.TransactionsRoot(transactions),
            ReceiptsRoot = BlockRoots.ReceiptsRoot(receipts),
            LogsBloom = BlockRoots.LogsBloom(receipts),
            Number = 12,
            GasLimit = 30_000_000,
            GasUsed = (ulong)userTransactions * 21_000,
            Timestamp = 1_700_000_012,
            BaseFeePerGas = 875_000_000,
        };
        return new SealedL2Block(header, transactions, new BlockExecutionResult(results, header.GasUsed, header.LogsBloom, header.StateRoot));
    }

    [Fact]
    public void Encode_Decode_RoundTripsHeaderTransactionsAndResults()
    {
        var block = SampleBlock(5);
        var decoded = SealedBlockCodec.Decode(SealedBlockCodec.Encode(block));
        Assert.Equal(block.Header.Hash, decoded.Header.Hash);
        Assert.Equal(block.Transactions.Select(t => t.Hash), decoded.Transactions.Select(t => t.Hash));
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var expected = block.Execution.Transactions[i];
            var actual = decoded.Execution.Transactions[i];
            Assert.Equal(expected.Receipt.Encode(), actual.Receipt.Encode());
            Assert.Equal((expected.Sender, expected.GasUsed, expected.EffectiveGasPrice, expected.FailureReason), (actual.Sender, actual.GasUsed, actual.EffectiveGasPrice, actual.FailureReason));
        }

        Assert.Equal(SealedBlockCodec.Encode(block), SealedBlockCodec.Encode(decoded));
    }

    [Fact]
    public void Encode_WithTheBodyItsRootsCameFrom_RoundTripsALargeBlock()
    {
        // Above the parallel-encoding threshold: the record still holds every transaction and receipt in order.
        var block = SampleBlock(300);
        var body = EncodedBlockBody.Encode(block.Transactions, [.. block.Execution.Transactions.Select(r => r.Receipt)], TaskScheduler.Default);

        var decoded = SealedBlockCodec.Decode(SealedBlockCodec.Encode(block, body));

        Assert.Equal(block.Header.Hash, decoded.Header.Hash);
        Assert.Equal(block.Transactions.Select(t => t.Hash), decoded.Transactions.Select(t => t.Hash));
        Assert.Equal(block.Execution.Transactions.Select(r => r.FailureReason), decoded.Execution.Transactions.Select(r => r.FailureReason));
        Assert.Equal(block.Header.ReceiptsRoot, BlockRoots.ReceiptsRoot([.. decoded.Execution.Transactions.Select(r => r.Receipt)]));
    }

    [Fact]
    public void Encode_RefusesABodyOfAnotherBlock()
    {
        var block = SampleBlock(3);
        var other = SampleBlock(2);
        var body = EncodedBlockBody.Encode(other.Transactions, [.. other.Execution.Transactions.Select(r => r.Receipt)]);

        Assert.Throws<ArgumentException>(() => SealedBlockCodec.Encode(block, body));
    }

    [Fact]
    public void Decode_RejectsEveryTruncation()
    {
        var encoded = SealedBlockCodec.Encode(SampleBlock(2));
        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.Throws<L2StorageFormatException>(() => SealedBlockCodec.Decode(encoded.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Decode_RejectsTrailingBytesAndAWrongVersion()
    {
        var encoded = SealedBlockCodec.Encode(SampleBlock(1));
        Assert.Throws<L2StorageFormatException>(() => SealedBlockCodec.Decode([.. encoded, 0]));
        encoded[0] = 2;
        Assert.Throws<L2StorageFormatException>(() => SealedBlockCodec.Decode(encoded));
    }

    [Fact]
    public void Decode_RandomGarbageAndFlippedBytes_ThrowOnlyTheTypedException()
    {
        var encoded = SealedBlockCodec.Encode(SampleBlock(3));
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), garbage => DecodeFailsCleanly([SealedBlockCodec.Version, .. garbage]))
            .QuickCheckThrowOnFailure();
        Prop.ForAll(Gen.Choose(0, encoded.Length - 1).ToArbitrary(), ArbMap.Default.ArbFor<byte>(), (index, value) =>
            {
                var damaged = (byte[])encoded.Clone();
                damaged[index] ^= (byte)(value | 1);
                return DecodeFailsCleanly(damaged);
            })
            .QuickCheckThrowOnFailure();
    }

    private static bool DecodeFailsCleanly(byte[] bytes)
    {
        try
        {
            SealedBlockCodec.Decode(bytes);
            return true;
        }
        catch (L2StorageFormatException)
        {
            return true;
        }
    }

    [Fact]
    public void DecodeHeader_ReadsTheHeaderOfARecord_AndRejectsGarbage()
    {
        var block = SampleBlock(3);
        var encoded = SealedBlockCodec.Encode(block);
        Assert.Equal(block.Header.Hash, SealedBlockCodec.DecodeHeader(encoded).Hash);
        Assert.Throws<L2StorageFormatException>(() => SealedBlockCodec.DecodeHeader([]));
        Assert.Throws<L2StorageFormatException>(() => SealedBlockCodec.DecodeHeader([2, 0xC0]));
        Assert.Throws<L2StorageFormatException>(() => SealedBlockCodec.DecodeHeader(encoded.AsSpan(0, 40)));
    }

    [Fact]
    public void TransactionHashes_AreTheHashesOfTheSignedTransactions()
    {
        var block = SampleBlock(2);
        var hashes = SealedBlockCodec.TransactionHashes(block);
        Assert.Equal(3, hashes.Length);
        Assert.Equal(block.Transactions[0].Hash, hashes[0]);
        Assert.Equal(((UserTransaction)block.Transactions[2]).Transaction.GetHash(), hashes[2]);
    }

    [Fact]
    public void ObjectKeys_AreValidAndSortNumerically()
    {
        var keys = new[] { L2ObjectKeys.Block(1, 9), L2ObjectKeys.Block(1, 10), L2ObjectKeys.Snapshot(1, 100), L2ObjectKeys.HashIndexSegment(1, 1, 100), L2ObjectKeys.HashIndexSegment(1, 101, 200) };
        foreach (var key in keys)
        {
            Hemi.Grains.Runtime.Storage.ObjectKey.Validate(key);
        }

        Assert.True(string.CompareOrdinal(keys[0], keys[1]) < 0);
        Assert.Equal(100ul, L2ObjectKeys.SnapshotNumber(1, keys[2]));
        Assert.Null(L2ObjectKeys.SnapshotNumber(1, keys[0]));
        Assert.Null(L2ObjectKeys.SnapshotNumber(2, keys[2]));
        Assert.True(string.CompareOrdinal(keys[3], keys[4]) < 0);
        Assert.Equal((1ul, 100ul), L2ObjectKeys.HashIndexRange(1, keys[3]));
        Assert.Equal((101ul, 200ul), L2ObjectKeys.HashIndexRange(1, keys[4]));
        Assert.Null(L2ObjectKeys.HashIndexRange(2, keys[3]));
        Assert.Null(L2ObjectKeys.HashIndexRange(1, keys[2]));
        Assert.Null(L2ObjectKeys.HashIndexRange(1, L2ObjectKeys.HashIndexPrefix(1) + "00000000000000000009-00000000000000000001"));
        Assert.Null(L2ObjectKeys.HashIndexRange(1, L2ObjectKeys.HashIndexPrefix(1) + "00000000000000000001_00000000000000000009"));
    }
}
