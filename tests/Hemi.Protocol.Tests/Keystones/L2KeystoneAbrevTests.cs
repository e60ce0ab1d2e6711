using FsCheck;
using FsCheck.Fluent;
using Hemi.Crypto;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.Tests.Keystones;

public sealed class L2KeystoneAbrevTests
{
    private static byte[] Sha(params byte[] data) => Sha256.Hash(data);

    // heminetwork bitcoin/wallet/wallet_pop_test.go newPoPFixture (hemi-protocol.md §6.2).
    private static L2Keystone PopFixture() => new()
    {
        Version = 1,
        L1BlockNumber = 0xbadc0ffe,
        L2BlockNumber = 0xdeadbeef,
        ParentEPHash = Sha(0x01, 0x01, 0x03, 0x07),
        PrevKeystoneEPHash = Sha(0x04, 0x20, 0x45),
        StateRoot = Sha256.Hash("Hello, world!"u8),
        EPHash = Sha(0xaa, 0x55),
    };

    [Fact]
    public void Abbreviate_PopFixture_MatchesComputedVector()
    {
        var abrev = PopFixture().Abbreviate();

        Assert.Equal(
            "01badc0ffedeadbeefa9a11f501c3be85c3c55125f4b6da47a8e92cdc0ca0d8a315f5bdb76d078c43b8ac0064e4a0164612b1fce77c869345bfc94c75894edd3c38d220b9d1966b2e32e452e",
            Hex.Encode(abrev.AsSpan()));
        Assert.Equal("61cf19742d95a26ec96955c9d99bb471109fd44ce5ae3bbdf186cdaa0fc45f7f", Hex.Encode(abrev.GetHash().AsSpan()));
        Assert.Equal("7f5fc40faacd86f1bd3baee54cd49f1071b49bd9c95569c96ea2952d7419cf61", abrev.GetHash().ToString());
        Assert.Equal("6a4c5048454d49" + Hex.Encode(abrev.AsSpan()), Hex.Encode(PopPayload.CreateScript(abrev)));
    }

    [Theory]
    // heminetwork internal/testutil.MakeSharedKeystones items 0..2 (hemi-protocol.md §6.2).
    [InlineData(0, "0100002711000000199dcf97a184f32623d11a736e340b9cffb37a989ca544e675c8fd04ad916aec3e3d5cb76a452b116b3d4d0912a0a485e9fb8e3d240e210c4bf5122f344554c53bde2ebb", "c1d7ee497897038a7756fe4c77daf78b40ddbb3b0f1659b261e5774984c583d6")]
    [InlineData(1, "01000027120000003250cff72c8e550546d661ec4bf5122f344554c53bde2ebb970bec7483984728e413a0ff65986310f4bbe8fff5f02c58e6064856262d8476dbc1b4c900ffe48d575b5da5", "66786d9932a636bd2485418b7961e6efe3e48bca79e910ca906080034683b37f")]
    [InlineData(2, "01000027130000004b8655173af1ec080de2dae0dbc1b4c900ffe48d575b5da599f5eb64687cc7b7794b8be90b374592b85b01a2688a889d2ca6fd73768a6e52084fed08b978af4d7d196a74", "5c488a3880118fb5ba99a15290948bc5c71f52c34a563184cce852d77097589f")]
    public void Abbreviate_SharedKeystones_MatchComputedVectors(int index, string expectedAbrev, string expectedDisplayHash)
    {
        var n = (byte)(index + 1);
        var keystone = new L2Keystone
        {
            Version = 1,
            L1BlockNumber = (uint)(10001 + index),
            L2BlockNumber = (uint)(25 * (index + 1)),
            ParentEPHash = Sha(n, n),
            PrevKeystoneEPHash = Sha((byte)index),
            StateRoot = Sha(n, n, n),
            EPHash = Sha(n),
        };

        var abrev = keystone.Abbreviate();

        Assert.Equal(expectedAbrev, Hex.Encode(abrev.AsSpan()));
        Assert.Equal(expectedDisplayHash, abrev.GetHash().ToString());
    }

    [Fact]
    public void Abbreviate_TruncatesParentTo11BytesAndOthersTo12()
    {
        var keystone = PopFixture();
        var abrev = keystone.Abbreviate();

        Assert.Equal(keystone.ParentEPHash.AsSpan(0, 11).ToArray(), abrev.ParentEPHash.ToArray());
        Assert.Equal(keystone.PrevKeystoneEPHash.AsSpan(0, 12).ToArray(), abrev.PrevKeystoneEPHash.ToArray());
        Assert.Equal(keystone.StateRoot, abrev.StateRoot.ToArray());
        Assert.Equal(keystone.EPHash.AsSpan(0, 12).ToArray(), abrev.EPHash.ToArray());
        Assert.Equal(0xbadc0ffeu, abrev.L1BlockNumber);
        Assert.Equal(0xdeadbeefu, abrev.L2BlockNumber);
    }

    [Fact]
    public void Abbreviate_EmptyPreviousKeystoneHash_LeavesZeros()
    {
        // The first keystone (n = 25) has no previous keystone: Go's copy of a nil slice leaves zeros.
        var keystone = PopFixture() with { PrevKeystoneEPHash = [] };

        Assert.True(keystone.Abbreviate().PrevKeystoneEPHash.ToArray().All(b => b == 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(75)]
    [InlineData(77)]
    [InlineData(152)]
    public void Parse_RejectsWrongLength(int length)
    {
        var data = new byte[length];
        if (length > 0)
        {
            data[0] = 1;
        }

        var error = Assert.Throws<PopPayloadException>(() => L2KeystoneAbrev.Parse(data));
        Assert.Equal(PopPayloadError.InvalidKeystoneLength, error.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void Parse_RejectsVersionOtherThanOne(byte version)
    {
        var data = PopFixture().Abbreviate().ToBytes();
        data[0] = version;

        var error = Assert.Throws<PopPayloadException>(() => L2KeystoneAbrev.Parse(data));
        Assert.Equal(PopPayloadError.UnsupportedKeystoneVersion, error.Error);
    }

    [Fact]
    public void Parse_RoundTripsAnyVersionOneKeystone()
    {
        Prop.ForAll(
                Arb.From(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), L2KeystoneAbrev.Size)),
                bytes =>
                {
                    bytes[0] = 1;
                    var parsed = L2KeystoneAbrev.Parse(bytes);
                    var rebuilt = new L2Keystone
                    {
                        L1BlockNumber = parsed.L1BlockNumber,
                        L2BlockNumber = parsed.L2BlockNumber,
                        ParentEPHash = parsed.ParentEPHash.ToArray(),
                        PrevKeystoneEPHash = parsed.PrevKeystoneEPHash.ToArray(),
                        StateRoot = parsed.StateRoot.ToArray(),
                        EPHash = parsed.EPHash.ToArray(),
                    }.Abbreviate();
                    return parsed.AsSpan().SequenceEqual(bytes) && rebuilt.Equals(parsed) && rebuilt.GetHash() == parsed.GetHash();
                })
            .QuickCheckThrowOnFailure();
    }
}
