using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node.Tests.TestSupport;

/// <summary>Hand-built blocks for rejection tests: a header template, the given transactions, a ground nonce.</summary>
internal static class BlockBuilder
{
    public static Block Grind(BlockHeader template, IReadOnlyList<Transaction> txs, Hash256? merkleRoot = null, Hash256? prevBlock = null)
    {
        var root = merkleRoot ?? new Block(template, txs).ComputeMerkleRoot();
        var header = new BlockHeader(template.Version, prevBlock ?? template.PrevBlock, root, template.Time, template.Bits, 0);
        var nonce = 0u;
        while (!Target.CheckProofOfWork(header.GetHash(), header.Bits, Network.Regtest))
        {
            header = header.WithNonce(++nonce);
        }

        return new Block(header, txs);
    }
}
