using FsCheck;
using FsCheck.Fluent;
using Hemi.Crypto;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.Tests.Pop;

public sealed class PopPayloadTests
{
    private static L2KeystoneAbrev SampleKeystone()
    {
        var bytes = new byte[L2KeystoneAbrev.Size];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 7 + 3);
        }

        bytes[0] = 1;
        return L2KeystoneAbrev.Parse(bytes);
    }

    [Fact]
    public void CreateScript_Is83BytesWithPushData1()
    {
        var script = PopPayload.CreateScript(SampleKeystone());

        Assert.Equal(83, script.Length);
        Assert.Equal("6a4c5048454d49", Hex.Encode(script.AsSpan(0, 7)));
        Assert.Equal(SampleKeystone(), PopPayload.ParseScript(script));
    }

    [Theory]
    // Negative cases from heminetwork hemi/pop/pop_test.go (hemi-protocol.md §6.1).
    [InlineData("6a", PopPayloadError.MissingPush)]
    [InlineData("6a0142", PopPayloadError.PayloadTooShort)]
    [InlineData("6a024256", PopPayloadError.PayloadTooShort)]
    [InlineData("6a0342564d", PopPayloadError.PayloadTooShort)]
    [InlineData("6a0442564d01", PopPayloadError.PayloadTooShort)]
    [InlineData("", PopPayloadError.Empty)]
    [InlineData("76a914", PopPayloadError.NotOpReturn)]
    [InlineData("6a51", PopPayloadError.MissingPush)]
    [InlineData("6a4c", PopPayloadError.MalformedPush)]
    [InlineData("6a4c50", PopPayloadError.MalformedPush)]
    [InlineData("6a4dff", PopPayloadError.MalformedPush)]
    [InlineData("6a4effffffff00", PopPayloadError.MalformedPush)]
    [InlineData("6a0548454d4901", PopPayloadError.InvalidKeystoneLength)]
    public void ParseScript_RejectsMalformedScripts(string scriptHex, PopPayloadError expected)
    {
        var script = Hex.Decode(scriptHex);

        var error = Assert.Throws<PopPayloadException>(() => PopPayload.ParseScript(script));
        Assert.Equal(expected, error.Error);
        Assert.False(PopPayload.TryParseScript(script, out _));
    }

    [Fact]
    public void ParseScript_RejectsWrongMagicIn67BytePush()
    {
        var payload = new byte[67];
        Hex.Decode("42564d01").CopyTo(payload, 0);
        var script = new byte[] { 0x6a, 67 }.Concat(payload).ToArray();

        var error = Assert.Throws<PopPayloadException>(() => PopPayload.ParseScript(script));
        Assert.Equal(PopPayloadError.WrongMagic, error.Error);
    }

    [Fact]
    public void ParseScript_AcceptsAnyValidPushForm()
    {
        var payload = PopPayload.Create(SampleKeystone());
        var pushData2 = new byte[] { 0x6a, 0x4d, 80, 0 }.Concat(payload).ToArray();
        var pushData4 = new byte[] { 0x6a, 0x4e, 80, 0, 0, 0 }.Concat(payload).ToArray();

        Assert.Equal(SampleKeystone(), PopPayload.ParseScript(pushData2));
        Assert.Equal(SampleKeystone(), PopPayload.ParseScript(pushData4));
    }

    [Fact]
    public void ParseScript_RejectsVersionTwoKeystone()
    {
        var script = PopPayload.CreateScript(SampleKeystone());
        script[7] = 2;

        var error = Assert.Throws<PopPayloadException>(() => PopPayload.ParseScript(script));
        Assert.Equal(PopPayloadError.UnsupportedKeystoneVersion, error.Error);
    }

    [Fact]
    public void ParseScript_OnRandomBytes_OnlyEverThrowsPopPayloadException()
    {
        Prop.ForAll(
                Arb.From(ArbMap.Default.GeneratorFor<byte[]>()),
                bytes =>
                {
                    try
                    {
                        PopPayload.ParseScript(bytes);
                    }
                    catch (PopPayloadException)
                    {
                    }

                    return true;
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ParseScript_OnMutatedPopScripts_AcceptsOnlyWellFormedOnes()
    {
        var valid = PopPayload.CreateScript(SampleKeystone());
        Prop.ForAll(
                Arb.From(Gen.Choose(0, valid.Length - 1)),
                Arb.From(ArbMap.Default.GeneratorFor<byte>()),
                (index, value) =>
                {
                    var mutated = (byte[])valid.Clone();
                    mutated[index] = value;
                    var accepted = PopPayload.TryParseScript(mutated, out var keystone);
                    var shouldAccept = mutated[0] == 0x6a && mutated[1] == 0x4c && mutated[2] == 80
                        && mutated.AsSpan(3, 4).SequenceEqual("HEMI"u8) && mutated[7] == 1;
                    return accepted == shouldAccept && (!accepted || keystone!.AsSpan().SequenceEqual(mutated.AsSpan(7)));
                })
            .QuickCheckThrowOnFailure();
    }
}
