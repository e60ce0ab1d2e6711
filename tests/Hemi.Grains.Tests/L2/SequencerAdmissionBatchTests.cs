using Hemi.Ethereum;
using Hemi.Grains.L2;
using Hemi.Grains.L2.Ingress;

namespace Hemi.Grains.Tests.L2;

/// <summary>Admissions in batches: one outcome per transaction, in order, a rejection affecting only its own transaction.</summary>
public sealed class SequencerAdmissionBatchTests
{
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000B0");

    private static SubmittedTransaction Decode(byte[] raw) => TransactionIngressGrain.Decode(raw, L2Harness.ChainId, 128 * 1024);

    [Fact]
    public async Task AdmitBatch_AdmitsInOrder_AndRejectsOnlyTheBadOnes()
    {
        await using var harness = await L2Harness.StartAsync();
        await harness.Sequencer.StartAsync();
        var batch = new[]
        {
            Decode(harness.Transfer(0, Recipient, 1, 0)),
            Decode(harness.Transfer(0, Recipient, 2, 1)), // follows the first within the same batch
            Decode(harness.Transfer(1, Recipient, 1, 0, maxFee: 1)), // fee cap below the base fee
            Decode(harness.Transfer(0, Recipient, 1, 0)), // the first again
            Decode(harness.Transfer(2, Recipient, 1, 40)), // too far ahead
        };

        var outcomes = await harness.Sequencer.AdmitBatchAsync(batch);
        Assert.Equal(batch.Select(t => t.Hash), outcomes.Select(o => o.Hash));
        Assert.Equal(
            new TransactionRejectionReason?[] { null, null, TransactionRejectionReason.FeeTooLow, TransactionRejectionReason.AlreadyKnown, TransactionRejectionReason.NonceTooHigh },
            outcomes.Select(o => o.Rejection));
        Assert.Equal(TransactionRejectionReason.FeeTooLow, outcomes[2].ToException().Reason);
        Assert.Throws<InvalidOperationException>(() => outcomes[0].ToException());

        await harness.Sequencer.SealBlockAsync();
        var block = (await harness.Grains.GetGrain<IBlockGrain>(1).GetBlockAsync())!;
        Assert.Equal([batch[0].Hash, batch[1].Hash], block.Transactions.Skip(1).Select(t => t.Hash));
    }

    [Fact]
    public async Task ConcurrentSubmissions_FromManyAccounts_AreAllAdmitted_WithTheirOwnRejections()
    {
        await using var harness = await L2Harness.StartAsync(keyCount: 16);
        await harness.Sequencer.StartAsync();
        var good = new List<Task<Hash32>>();
        for (var nonce = 0ul; nonce < 4; nonce++)
        {
            for (var key = 0; key < 16; key++)
            {
                good.Add(harness.SendAsync(harness.Transfer(key, Recipient, 1 + nonce, nonce)));
            }
        }

        var underpriced = harness.SendAsync(harness.Transfer(3, Recipient, 1, 9, maxFee: 1, tip: 1));
        var hashes = await Task.WhenAll(good);
        var rejected = await Assert.ThrowsAsync<TransactionRejectedException>(() => underpriced);
        Assert.Equal(TransactionRejectionReason.FeeTooLow, rejected.Reason);

        await harness.Sequencer.SealBlockAsync();
        foreach (var hash in hashes)
        {
            Assert.Equal(1ul, (await harness.Sequencer.GetTransactionLocationAsync(hash))!.BlockNumber);
        }
    }
}
