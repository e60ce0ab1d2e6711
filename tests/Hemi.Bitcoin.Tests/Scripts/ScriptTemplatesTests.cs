using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Addresses;
using Hemi.Bitcoin.Scripts;

namespace Hemi.Bitcoin.Tests.Scripts;

public sealed class ScriptTemplatesTests
{
    private static readonly byte[] Hash20 = Convert.FromHexString("751e76e8199196d454941c45d1b3a323f1433bd6");
    private static readonly byte[] Hash32 = Convert.FromHexString("1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262");
    private static readonly byte[] CompressedKey = Convert.FromHexString("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");

    [Fact]
    public void Constructors_ProduceStandardBytes_AndClassifyBack()
    {
        Check(ScriptTemplates.PayToPubKeyHash(Hash20), "76a914751e76e8199196d454941c45d1b3a323f1433bd688ac", ScriptPubKeyType.PayToPubKeyHash);
        Check(ScriptTemplates.PayToScriptHash(Hash20), "a914751e76e8199196d454941c45d1b3a323f1433bd687", ScriptPubKeyType.PayToScriptHash);
        Check(ScriptTemplates.PayToWitnessPubKeyHash(Hash20), "0014751e76e8199196d454941c45d1b3a323f1433bd6", ScriptPubKeyType.PayToWitnessPubKeyHash);
        Check(ScriptTemplates.PayToWitnessScriptHash(Hash32), "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262", ScriptPubKeyType.PayToWitnessScriptHash);
        Check(ScriptTemplates.PayToTaproot(Hash32), "51201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262", ScriptPubKeyType.PayToTaproot);
        Check(ScriptTemplates.PayToPubKey(CompressedKey), "21" + Convert.ToHexStringLower(CompressedKey) + "ac", ScriptPubKeyType.PayToPubKey);
        Check(ScriptTemplates.PayToWitnessProgram(16, [0x75, 0x1e]), "6002751e", ScriptPubKeyType.WitnessUnknown);
        Check(ScriptTemplates.PayToWitnessProgram(1, Hash20), "5114751e76e8199196d454941c45d1b3a323f1433bd6", ScriptPubKeyType.WitnessUnknown);
        Check(ScriptTemplates.NullData([0xde, 0xad]), "6a02dead", ScriptPubKeyType.NullData);
        Check(ScriptTemplates.NullData([]), "6a", ScriptPubKeyType.NullData);
    }

    [Fact]
    public void KeyHelpers_HashTheKey()
    {
        // Hash160 of the generator point's compressed encoding (well-known).
        Assert.Equal("76a914751e76e8199196d454941c45d1b3a323f1433bd688ac", Convert.ToHexStringLower(ScriptTemplates.PayToPubKeyHashOfKey(CompressedKey)));
        Assert.Equal("0014751e76e8199196d454941c45d1b3a323f1433bd6", Convert.ToHexStringLower(ScriptTemplates.PayToWitnessPubKeyHashOfKey(CompressedKey)));
    }

    [Fact]
    public void PopOutput_80ByteNullData_IsStandardSize()
    {
        var payload = new byte[80];
        "HEMI"u8.CopyTo(payload);
        var script = ScriptTemplates.NullData(payload);
        Assert.Equal(ScriptTemplates.MaxStandardNullDataScriptSize, script.Length);
        Assert.Equal("6a4c5048454d49", Convert.ToHexStringLower(script.AsSpan(0, 7)));
        Assert.Equal(ScriptPubKeyType.NullData, ScriptTemplates.Classify(script));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0003010203")] // v0 with a 3-byte program
    [InlineData("0014751e76e8199196d454941c45d1b3a323f1433bd600")] // trailing byte
    [InlineData("6101ab")]
    [InlineData("6a76")] // OP_RETURN then a non-push
    [InlineData("6a4c")] // OP_RETURN then a truncated push
    [InlineData("76a914751e76e8199196d454941c45d1b3a323f1433bd688ad")]
    [InlineData("2105" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798ac")] // bad key prefix
    [InlineData("5101ab")] // program too short
    public void Classify_NonStandard(string hex)
    {
        Assert.Equal(ScriptPubKeyType.NonStandard, ScriptTemplates.Classify(Convert.FromHexString(hex)));
    }

    [Fact]
    public void TryGetWitnessProgram_AcceptsVersions0To16_Lengths2To40()
    {
        for (int version = 0; version <= 16; version++)
        {
            foreach (int length in new[] { 2, 20, 32, 40 })
            {
                if (version == 0 && length is not (20 or 32))
                {
                    Assert.Throws<ArgumentException>(() => ScriptTemplates.PayToWitnessProgram(version, new byte[length]));
                    continue;
                }

                var script = ScriptTemplates.PayToWitnessProgram(version, new byte[length]);
                Assert.True(ScriptTemplates.TryGetWitnessProgram(script, out int v, out var program));
                Assert.Equal(version, v);
                Assert.Equal(length, program.Length);
            }
        }

        Assert.False(ScriptTemplates.TryGetWitnessProgram([0x51, 41, .. new byte[41]], out _, out _));
        Assert.False(ScriptTemplates.TryGetWitnessProgram([0x51, 1, 0], out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScriptTemplates.PayToWitnessProgram(17, new byte[32]));
    }

    [Fact]
    public void TryGetDestination_ExtractsHashes()
    {
        Assert.True(ScriptTemplates.TryGetDestination(ScriptTemplates.PayToPubKeyHash(Hash20), out var type, out var dest));
        Assert.Equal(ScriptPubKeyType.PayToPubKeyHash, type);
        Assert.Equal(Hash20, dest.ToArray());
        Assert.True(ScriptTemplates.TryGetDestination(ScriptTemplates.PayToTaproot(Hash32), out type, out dest));
        Assert.Equal(Hash32, dest.ToArray());
        Assert.False(ScriptTemplates.TryGetDestination(ScriptTemplates.NullData([1]), out _, out _));
    }

    [Fact]
    public void RandomScripts_ClassifyAndAddressNeverThrowUntyped()
    {
        var gen = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? []),
            from op in Gen.Elements<byte>(0x00, 0x51, 0x60, 0x6a, 0x76, 0xa9)
            from len in Gen.Choose(0, 45)
            from body in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), len)
            select (byte[])[op, (byte)len, .. body]);
        Prop.ForAll(gen.ToArbitrary(), script =>
        {
            var type = ScriptTemplates.Classify(script);
            try
            {
                string address = BitcoinAddress.FromScriptPubKey(script, Network.Mainnet);
                return type is ScriptPubKeyType.PayToPubKeyHash or ScriptPubKeyType.PayToScriptHash or ScriptPubKeyType.PayToWitnessPubKeyHash
                    or ScriptPubKeyType.PayToWitnessScriptHash or ScriptPubKeyType.PayToTaproot or ScriptPubKeyType.WitnessUnknown
                    && BitcoinAddress.Parse(address, Network.Mainnet).AsSpan().SequenceEqual(script);
            }
            catch (AddressFormatException)
            {
                return type is not (ScriptPubKeyType.PayToPubKeyHash or ScriptPubKeyType.PayToScriptHash or ScriptPubKeyType.PayToWitnessPubKeyHash
                    or ScriptPubKeyType.PayToWitnessScriptHash or ScriptPubKeyType.PayToTaproot or ScriptPubKeyType.WitnessUnknown);
            }
        }).QuickCheckThrowOnFailure();
    }

    private static void Check(byte[] script, string hex, ScriptPubKeyType type)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(script));
        Assert.Equal(type, ScriptTemplates.Classify(script));
    }
}
