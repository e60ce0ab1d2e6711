using Hemi.Crypto;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.Tests.Keystones;

public sealed class LegacyKeystoneHeaderTests
{
    // heminetwork hemi/pop/pop_test.go (hemi-protocol.md §6.1).
    private const string LegacyPayload =
        "48454d49010000210fa38c96eb92aeb5ea26a4b8844276625da50b3e1a6ff2f0115aee4544a9e6cf384276625da50b3e1aef3457bba38c96eb92aeb5ea26a4b8fdeaee4544a9e6cf38ef3457bb";

    private static LegacyKeystoneHeader Fixture() => new(
        1,
        8463,
        Hex.Decode("a38c96eb92aeb5ea26a4b884"),
        Hex.Decode("4276625da50b3e1a6ff2f011"),
        Hex.Decode("5aee4544a9e6cf384276625da50b3e1aef3457bba38c96eb92aeb5ea26a4b8fd"),
        Hex.Decode("eaee4544a9e6cf38ef3457bb"));

    [Fact]
    public void ToBytes_MatchesUpstreamPayload()
    {
        Assert.Equal(LegacyPayload, "48454d49" + Hex.Encode(Fixture().ToBytes()));
    }

    [Fact]
    public void PopParser_RejectsLegacyPayloadAsWrongKeystoneLength()
    {
        var script = Hex.Decode("6a4c4d" + LegacyPayload);

        var error = Assert.Throws<PopPayloadException>(() => PopPayload.ParseScript(script));
        Assert.Equal(PopPayloadError.InvalidKeystoneLength, error.Error);
    }
}
