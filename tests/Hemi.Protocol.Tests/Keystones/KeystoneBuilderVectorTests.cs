using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Protocol.L2.Assembly;

namespace Hemi.Protocol.Tests.Keystones;

/// <summary>The keystone builder fed the fields of hemi-protocol.md §6.2 reproduces its computed abbreviations and hashes.</summary>
public sealed class KeystoneBuilderVectorTests
{
    private static Hash32 Sha(params byte[] data) => new(Sha256.Hash(data));

    [Theory]
    // heminetwork internal/testutil.MakeSharedKeystones items 0..2.
    [InlineData(0, "0100002711000000199dcf97a184f32623d11a736e340b9cffb37a989ca544e675c8fd04ad916aec3e3d5cb76a452b116b3d4d0912a0a485e9fb8e3d240e210c4bf5122f344554c53bde2ebb", "c1d7ee497897038a7756fe4c77daf78b40ddbb3b0f1659b261e5774984c583d6")]
    [InlineData(1, "01000027120000003250cff72c8e550546d661ec4bf5122f344554c53bde2ebb970bec7483984728e413a0ff65986310f4bbe8fff5f02c58e6064856262d8476dbc1b4c900ffe48d575b5da5", "66786d9932a636bd2485418b7961e6efe3e48bca79e910ca906080034683b37f")]
    [InlineData(2, "01000027130000004b8655173af1ec080de2dae0dbc1b4c900ffe48d575b5da599f5eb64687cc7b7794b8be90b374592b85b01a2688a889d2ca6fd73768a6e52084fed08b978af4d7d196a74", "5c488a3880118fb5ba99a15290948bc5c71f52c34a563184cce852d77097589f")]
    public void FromFields_SharedKeystones_MatchComputedVectors(int index, string expectedAbrev, string expectedDisplayHash)
    {
        var n = (byte)(index + 1);

        var keystone = KeystoneBuilder.FromFields(
            l2Number: (uint)(25 * (index + 1)),
            parentHash: Sha(n, n),
            blockNMinusPeriodHash: Sha((byte)index),
            stateRoot: Sha(n, n, n),
            blockHash: Sha(n),
            l1Number: (uint)(10001 + index));

        var abrev = keystone.Abbreviate();
        Assert.Equal(expectedAbrev, Convert.ToHexStringLower(abrev.AsSpan()));
        Assert.Equal(expectedDisplayHash, abrev.GetHash().ToString());
    }

    [Fact]
    public void FromFields_ChainedKeystones_LinkPrevToTheBlock25Earlier()
    {
        // Item 1's PrevKeystoneEPHash is SHA256(01) = item 0's EPHash: the 12-byte prefixes line up in the abbreviations.
        var first = KeystoneBuilder.FromFields(25, Sha(1, 1), Sha(0), Sha(1, 1, 1), Sha(1), 10001).Abbreviate();
        var second = KeystoneBuilder.FromFields(50, Sha(2, 2), Sha(1), Sha(2, 2, 2), Sha(2), 10002).Abbreviate();

        Assert.Equal(first.AsSpan().Slice(64, 12).ToArray(), second.AsSpan().Slice(20, 12).ToArray());
    }

    [Fact]
    public void FromFields_FirstKeystoneWithoutPrevious_LeavesZeros_AndNonKeystonesAreRefused()
    {
        var first = KeystoneBuilder.FromFields(25, Sha(1), null, Sha(2), Sha(3), 1);

        Assert.Empty(first.PrevKeystoneEPHash);
        Assert.Equal(new byte[12], first.Abbreviate().AsSpan().Slice(20, 12).ToArray());
        Assert.Throws<ArgumentException>(() => KeystoneBuilder.FromFields(26, Sha(1), null, Sha(2), Sha(3), 1));
        Assert.Throws<ArgumentException>(() => KeystoneBuilder.FromFields(0, Sha(1), null, Sha(2), Sha(3), 1));
        Assert.NotNull(KeystoneBuilder.FromFields(10, Sha(1), null, Sha(2), Sha(3), 1, period: 5));
    }
}
