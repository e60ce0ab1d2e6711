using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Networking;

namespace Hemi.Grains.Runtime.Tests.Networking;

public sealed class ConnectionPreambleTests
{
    private static Arbitrary<ConnectionPreamble> Preambles =>
        (from version in Gen.Choose(0, ushort.MaxValue)
         from v6 in ArbMap.Default.GeneratorFor<bool>()
         from addressBytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), v6 ? 16 : 4)
         from port in Gen.Choose(0, ushort.MaxValue)
         from generation in ArbMap.Default.GeneratorFor<int>()
         from clusterLength in Gen.Choose(1, 128)
         from cluster in Gen.ArrayOf(Gen.Elements("abcXYZ019-_.".ToCharArray()), clusterLength)
         select new ConnectionPreamble((ushort)version, new string(cluster), new SiloAddress(new IPEndPoint(new IPAddress(addressBytes), port), generation)))
        .ToArbitrary();

    [Fact]
    public void Encode_ThenDecode_RoundTrips()
    {
        Prop.ForAll(Preambles, p => ConnectionPreamble.Decode(p.Encode()) == p).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_Garbage_ThrowsOnlyFramingErrors()
    {
        var valid = new ConnectionPreamble(1, "cluster-a", new SiloAddress(new IPEndPoint(IPAddress.Loopback, 11111), 7)).Encode();
        PreambleGarbage.DecodesOrRejects<ConnectionFramingException>(PreambleGarbage.Around(valid, []), bytes => ConnectionPreamble.Decode(bytes));
    }

    [Fact]
    public void Decode_RejectsMissingMagic()
    {
        var bytes = new ConnectionPreamble(1, "c", new SiloAddress(new IPEndPoint(IPAddress.Loopback, 1), 1)).Encode();
        bytes[0] = (byte)'X';
        Assert.Throws<ConnectionFramingException>(() => ConnectionPreamble.Decode(bytes));
    }

    [Fact]
    public void Encode_RejectsNonAsciiClusterId()
    {
        var preamble = new ConnectionPreamble(1, "clüster", new SiloAddress(new IPEndPoint(IPAddress.Loopback, 1), 1));
        Assert.Throws<ArgumentException>(() => preamble.Encode());
    }
}
