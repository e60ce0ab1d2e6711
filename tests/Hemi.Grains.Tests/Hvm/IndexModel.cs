using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Grains.Tests.Hvm;

/// <summary>
/// The obvious, slow index the real one must agree with: replays a chain into plain dictionaries (an output is
/// unspent until an input names it; a repeated txid overwrites; OP_RETURN outputs are never unspent).
/// </summary>
internal sealed class IndexModel
{
    public Dictionary<OutPoint, (byte[] Script, ulong Value, uint Height, int TxIndex)> Unspent { get; } = [];

    public Dictionary<Hash256, (byte[] Raw, Hash256 Block, uint Height)> Transactions { get; } = [];

    public Dictionary<OutPoint, Hash256> SpentBy { get; } = [];

    public HashSet<OutPoint> Seen { get; } = [];

    public static IndexModel Replay(IEnumerable<Block> blocks, uint firstHeight)
    {
        var model = new IndexModel();
        var height = firstHeight;
        foreach (var block in blocks)
        {
            for (var i = 0; i < block.Transactions.Count; i++)
            {
                var tx = block.Transactions[i];
                var txId = tx.GetTxId();
                foreach (var input in tx.Inputs.Where(input => !input.PrevOut.IsNull))
                {
                    model.Unspent.Remove(input.PrevOut);
                    model.SpentBy[input.PrevOut] = txId;
                    model.Seen.Add(input.PrevOut);
                }

                model.Transactions[txId] = (tx.ToBytes(), block.GetHash(), height);
                for (var vout = 0; vout < tx.Outputs.Count; vout++)
                {
                    var outPoint = new OutPoint(txId, (uint)vout);
                    model.Seen.Add(outPoint);
                    if (tx.Outputs[vout].ScriptPubKey is [0x6a, ..])
                    {
                        continue;
                    }

                    model.Unspent[outPoint] = (tx.Outputs[vout].ScriptPubKey, (ulong)tx.Outputs[vout].Value, height, i);
                }
            }

            height++;
        }

        return model;
    }

    public ulong Balance(byte[] script) =>
        Unspent.Values.Where(u => u.Script.AsSpan().SequenceEqual(script)).Aggregate(0UL, (sum, u) => sum + u.Value);

    public IReadOnlyList<(OutPoint OutPoint, ulong Value)> Utxos(byte[] script) =>
        Unspent.Where(u => u.Value.Script.AsSpan().SequenceEqual(script))
            .OrderBy(u => u.Value.Height).ThenBy(u => u.Value.TxIndex).ThenBy(u => u.Key.Index).ThenBy(u => u.Key.TxId)
            .Select(u => (u.Key, u.Value.Value))
            .ToArray();
}
