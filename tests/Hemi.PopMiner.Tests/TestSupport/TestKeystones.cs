using Hemi.Crypto;
using Hemi.Protocol.Keystones;

namespace Hemi.PopMiner.Tests.TestSupport;

internal static class TestKeystones
{
    /// <summary>A keystone whose contents derive from its L2 number.</summary>
    public static L2Keystone Keystone(uint l2BlockNumber) => new()
    {
        L1BlockNumber = 5000 + l2BlockNumber,
        L2BlockNumber = l2BlockNumber,
        ParentEPHash = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"popm parent {l2BlockNumber}")),
        PrevKeystoneEPHash = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"popm prev {l2BlockNumber}")),
        StateRoot = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"popm state {l2BlockNumber}")),
        EPHash = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"popm ep {l2BlockNumber}")),
    };

    public static string HashOf(L2Keystone keystone) => keystone.Abbreviate().GetHash().ToString();
}
