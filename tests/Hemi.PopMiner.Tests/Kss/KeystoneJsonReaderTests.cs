using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Hemi.PopMiner.Kss;
using Hemi.Protocol.Keystones;

namespace Hemi.PopMiner.Tests.Kss;

public sealed class KeystoneJsonReaderTests
{
    [Fact]
    public void WriteThenRead_RoundTripsAnyKeystone()
    {
        var keystones =
            from l1 in ArbMap.Default.GeneratorFor<uint>()
            from l2 in ArbMap.Default.GeneratorFor<uint>()
            from parent in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Where(b => b.Length <= 32)
            from prev in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Where(b => b.Length <= 32)
            from root in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Where(b => b.Length <= 32)
            from ep in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Where(b => b.Length <= 32)
            select new L2Keystone { L1BlockNumber = l1, L2BlockNumber = l2, ParentEPHash = parent, PrevKeystoneEPHash = prev, StateRoot = root, EPHash = ep };

        Prop.ForAll(Arb.From(keystones), k => KeystoneJsonReader.Read(JsonNode.Parse(KeystoneJsonReader.Write(k).ToJsonString())).ContentEquals(k))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Read_AcceptsHexWithoutPrefix_HexQuantities_AndAMissingPreviousKeystoneHash()
    {
        var json = JsonNode.Parse("""
            {"version":1,"l1_block_number":"0x10","l2_block_number":25,"parent_ep_hash":"aabb","state_root":"0xcc","ep_hash":"dd"}
            """);

        var keystone = KeystoneJsonReader.Read(json);

        Assert.Equal((16u, 25u), (keystone.L1BlockNumber, keystone.L2BlockNumber));
        Assert.Equal([0xaa, 0xbb], keystone.ParentEPHash);
        Assert.Empty(keystone.PrevKeystoneEPHash);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"version":2,"l1_block_number":1,"l2_block_number":25,"parent_ep_hash":"","state_root":"","ep_hash":""}""")]
    [InlineData("""{"version":1,"l1_block_number":-1,"l2_block_number":25,"parent_ep_hash":"","state_root":"","ep_hash":""}""")]
    [InlineData("""{"version":1,"l1_block_number":4294967296,"l2_block_number":25,"parent_ep_hash":"","state_root":"","ep_hash":""}""")]
    [InlineData("""{"version":1,"l1_block_number":1.5,"l2_block_number":25,"parent_ep_hash":"","state_root":"","ep_hash":""}""")]
    [InlineData("""{"version":1,"l1_block_number":1,"parent_ep_hash":"","state_root":"","ep_hash":""}""")]
    [InlineData("""{"version":1,"l1_block_number":1,"l2_block_number":25,"parent_ep_hash":"zz","state_root":"","ep_hash":""}""")]
    [InlineData("""{"version":1,"l1_block_number":1,"l2_block_number":25,"parent_ep_hash":"abc","state_root":"","ep_hash":""}""")]
    [InlineData("""{"version":1,"l1_block_number":1,"l2_block_number":25,"parent_ep_hash":7,"state_root":"","ep_hash":""}""")]
    [InlineData("""{"version":1,"l1_block_number":1,"l2_block_number":25,"parent_ep_hash":"","state_root":"","ep_hash":"00000000000000000000000000000000000000000000000000000000000000000000"}""")]
    [InlineData("""{"version":1,"l1_block_number":1,"l2_block_number":25,"parent_ep_hash":"","state_root":""}""")]
    public void Read_RejectsMalformedKeystones(string json)
    {
        Assert.Throws<KssResponseException>(() => KeystoneJsonReader.Read(JsonNode.Parse(json)));
    }

    [Fact]
    public void Read_OnRandomJson_ThrowsOnlyKssResponseException()
    {
        var fragments = new[] { "{", "}", "[", "]", "\"version\"", "\"l2_block_number\"", "\"ep_hash\"", ":", ",", "1", "\"0x\"", "\"ff\"", "null", "true", "-3" };
        var texts = Gen.ArrayOf(Gen.Elements(fragments)).Select(parts => string.Concat(parts));
        Prop.ForAll(Arb.From(texts), text =>
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                return true;
            }

            try
            {
                KeystoneJsonReader.Read(node);
                return true;
            }
            catch (KssResponseException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }
}
