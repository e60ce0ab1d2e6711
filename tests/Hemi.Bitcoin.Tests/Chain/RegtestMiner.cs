using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Tests.Chain;

/// <summary>Mines regtest headers (target 0x207fffff, so about one hash in two succeeds).</summary>
internal static class RegtestMiner
{
    public static BlockHeader Mine(BlockHeader parent, uint time, int tag = 0)
    {
        var merkle = Hash256.DoubleSha256(BitConverter.GetBytes(tag));
        for (uint nonce = 0; ; nonce++)
        {
            var header = new BlockHeader(4, parent.GetHash(), merkle, time, 0x207fffff, nonce);
            if (Target.CheckProofOfWork(header.GetHash(), header.Bits, Network.Regtest))
            {
                return header;
            }
        }
    }

    public static List<BlockHeader> MineChain(BlockHeader from, int count, uint startTime, int tag)
    {
        var headers = new List<BlockHeader>();
        var parent = from;
        for (var i = 0; i < count; i++)
        {
            parent = Mine(parent, startTime + (uint)(i * 600), tag);
            headers.Add(parent);
        }

        return headers;
    }
}
