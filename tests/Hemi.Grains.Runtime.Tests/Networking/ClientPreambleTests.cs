using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Networking;

namespace Hemi.Grains.Runtime.Tests.Networking;

public sealed class ClientPreambleTests
{
    private static Gen<string> Id =>
        from length in Gen.Choose(1, ClientPreamble.MaxIdLength)
        from chars in Gen.ArrayOf(Gen.Elements("abcXYZ019-_.:".ToCharArray()), length)
        select new string(chars);

    [Fact]
    public void Encode_ThenDecode_RoundTrips()
    {
        var preambles = (from version in Gen.Choose(0, ushort.MaxValue)
                         from cluster in Id
                         from client in Id
                         select new ClientPreamble((ushort)version, cluster, client)).ToArbitrary();
        Prop.ForAll(preambles, p =>
        {
            var bytes = p.Encode();
            return ClientPreamble.IsClientPreamble(bytes) && ClientPreamble.Decode(bytes) == p;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_Garbage_ThrowsOnlyFramingErrors()
    {
        var valid = new ClientPreamble(1, "cluster-a", "client-1").Encode();
        PreambleGarbage.DecodesOrRejects<ConnectionFramingException>(PreambleGarbage.Around(valid, "HEMC"u8.ToArray()), bytes => ClientPreamble.Decode(bytes));
    }

    [Fact]
    public void Decode_RejectsTruncationsAndTrailingBytes()
    {
        var valid = new ClientPreamble(1, "cluster-a", "client-1").Encode();
        for (int cut = 0; cut < valid.Length; cut++)
        {
            Assert.Throws<ConnectionFramingException>(() => ClientPreamble.Decode(valid.AsSpan(0, cut)));
        }

        Assert.Throws<ConnectionFramingException>(() => ClientPreamble.Decode([.. valid, 0]));
    }

    [Fact]
    public void SiloPreamble_IsNotAClientPreamble()
    {
        var silo = new ConnectionPreamble(1, "c", new SiloAddress(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), 1)).Encode();
        Assert.False(ClientPreamble.IsClientPreamble(silo));
        Assert.Throws<ConnectionFramingException>(() => ClientPreamble.Decode(silo));
    }

    [Fact]
    public void Encode_RejectsInvalidIds()
    {
        Assert.Throws<ArgumentException>(() => new ClientPreamble(1, "", "c").Encode());
        Assert.Throws<ArgumentException>(() => new ClientPreamble(1, "c", new string('x', 129)).Encode());
        Assert.Throws<ArgumentException>(() => new ClientPreamble(1, "c", "é").Encode());
    }
}
