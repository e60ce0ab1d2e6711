using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Addresses;
using Hemi.Bitcoin.Scripts;

namespace Hemi.Bitcoin.Tests.Addresses;

public sealed class BitcoinAddressTests
{
    private const string Bip173 = "bips/bip-0173.mediawiki";
    private const string Bip350 = "bips/bip-0350.mediawiki";
    private const string BitcoinJs = "bitcoinjs-lib/address.json";

    private static Network NetworkForHrp(string address) =>
        address.StartsWith("bcrt", StringComparison.OrdinalIgnoreCase) ? Network.Regtest
        : address.StartsWith("bc", StringComparison.OrdinalIgnoreCase) ? Network.Mainnet
        : Network.Testnet3;

    [VectorFact(Bip350)]
    public void Bip350SegwitVectors_ValidAndInvalid()
    {
        var valid = MediaWikiVectors.Bullets(Bip350, "===Test vectors for v0-v16", "The following list gives invalid");
        var invalid = MediaWikiVectors.Bullets(Bip350, "The following list gives invalid", "==Appendix");
        Assert.Equal(8, valid.Count);
        Assert.Equal(15, invalid.Count);
        foreach (var (address, rest) in valid)
        {
            var script = Convert.FromHexString(MediaWikiVectors.TtContent(rest));
            var network = NetworkForHrp(address);
            Assert.Equal(script, BitcoinAddress.Parse(address, network));
            Assert.Equal(address.ToLowerInvariant(), BitcoinAddress.FromScriptPubKey(script, network));
        }

        foreach (var (address, reason) in invalid)
        {
            foreach (var network in Network.All)
            {
                Assert.False(BitcoinAddress.TryParse(address, network, out _), $"{address} ({reason}) accepted on {network.Name}");
            }
        }
    }

    [VectorFact(Bip173)]
    public void Bip173SegwitVectors_V0StillValid_V1PlusNowRequireBech32m()
    {
        var valid = MediaWikiVectors.Bullets(Bip173, "The following list gives valid segwit addresses", "The following list gives invalid");
        var invalid = MediaWikiVectors.Bullets(Bip173, "The following list gives invalid", "===Checksum design");
        Assert.Equal(6, valid.Count);
        Assert.Equal(10, invalid.Count);
        foreach (var (address, rest) in valid)
        {
            var script = Convert.FromHexString(MediaWikiVectors.TtContent(rest));
            var network = NetworkForHrp(address);
            if (script[0] == 0)
            {
                Assert.Equal(script, BitcoinAddress.Parse(address, network));
                Assert.Equal(address.ToLowerInvariant(), BitcoinAddress.FromScriptPubKey(script, network));
            }
            else
            {
                var ex = Assert.Throws<AddressFormatException>(() => BitcoinAddress.Parse(address, network));
                Assert.Equal(AddressError.WrongEncoding, ex.Error);
                Assert.NotEqual(address.ToLowerInvariant(), BitcoinAddress.FromScriptPubKey(script, network));
            }
        }

        foreach (var (address, reason) in invalid)
        {
            foreach (var network in Network.All)
            {
                Assert.False(BitcoinAddress.TryParse(address, network, out _), $"{address} ({reason}) accepted on {network.Name}");
            }
        }
    }

    [VectorFact(BitcoinJs)]
    public void BitcoinJsFixtures_StandardAndBech32()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(BitcoinJs));
        int count = 0;
        foreach (var f in doc.RootElement.GetProperty("standard").EnumerateArray())
        {
            var script = Script.ParseAsm(f.GetProperty("script").GetString()!, AsmDialect.BitcoinJs).ToArray();
            if (f.TryGetProperty("base58check", out var b58))
            {
                // Base58Check payload = version byte ‖ hash, for every coin in the file.
                var payload = Base58Check.Decode(b58.GetString()!);
                Assert.Equal(f.GetProperty("version").GetInt32(), payload[0]);
                Assert.Equal(f.GetProperty("hash").GetString(), Convert.ToHexStringLower(payload.AsSpan(1)));
            }

            var network = f.GetProperty("network").GetString() switch
            {
                "bitcoin" => Network.Mainnet,
                "testnet" => Network.Testnet3,
                "regtest" => Network.Regtest,
                _ => null,
            };
            if (network is null)
            {
                continue;
            }

            string address = f.TryGetProperty("base58check", out var a) ? a.GetString()! : f.GetProperty("bech32").GetString()!;
            Assert.Equal(script, BitcoinAddress.Parse(address, network));
            Assert.Equal(f.TryGetProperty("bech32", out _) ? address.ToLowerInvariant() : address, BitcoinAddress.FromScriptPubKey(script, network));
            count++;
        }

        foreach (var f in doc.RootElement.GetProperty("bech32").EnumerateArray())
        {
            var program = BitcoinAddress.DecodeSegwit(f.GetProperty("address").GetString()!, f.GetProperty("prefix").GetString()!);
            Assert.Equal(f.GetProperty("version").GetInt32(), program.Version);
            Assert.Equal(f.GetProperty("data").GetString(), Convert.ToHexStringLower(program.Program));
            count++;
        }

        Assert.True(count >= 16);
    }

    [VectorFact(BitcoinJs)]
    public void BitcoinJsInvalidFixtures_AreRejected()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(BitcoinJs));
        var invalid = doc.RootElement.GetProperty("invalid");
        foreach (var f in invalid.GetProperty("bech32").EnumerateArray())
        {
            string address = f.GetProperty("address").GetString()!;
            foreach (var network in Network.All)
            {
                Assert.False(BitcoinAddress.TryParse(address, network, out _), $"{address} accepted on {network.Name}");
            }
        }

        foreach (var f in invalid.GetProperty("fromBase58Check").EnumerateArray())
        {
            string address = f.GetProperty("address").GetString()!;
            foreach (var network in Network.All)
            {
                Assert.False(BitcoinAddress.TryParse(address, network, out _), $"{address} accepted on {network.Name}");
            }
        }

        foreach (var f in invalid.GetProperty("fromOutputScript").EnumerateArray())
        {
            if (f.TryGetProperty("description", out var d) && d.GetString()!.Contains("x coordinate", StringComparison.Ordinal))
            {
                // bitcoinjs also checks the key lies on the curve; Bitcoin Core (and we) format any 32-byte v1 program.
                continue;
            }

            var script = Script.ParseAsm(f.GetProperty("script").GetString()!, AsmDialect.BitcoinJs).ToArray();
            var ex = Assert.Throws<AddressFormatException>(() => BitcoinAddress.FromScriptPubKey(script, Network.Mainnet));
            Assert.Equal(AddressError.NoAddressForScript, ex.Error);
        }

        foreach (var f in invalid.GetProperty("toOutputScript").EnumerateArray())
        {
            string address = f.GetProperty("address").GetString()!;
            if (f.TryGetProperty("paymentException", out _))
            {
                // Rejected by bitcoinjs' payment layer (off-curve key), not by address decoding.
                continue;
            }

            foreach (var network in Network.All)
            {
                if (BitcoinAddress.TryParse(address, network, out var script))
                {
                    // bitcoinjs only maps payment types it knows; BIP350 (and Bitcoin Core) accept any v1+ program of 2..40 bytes.
                    Assert.Equal(ScriptPubKeyType.WitnessUnknown, ScriptTemplates.Classify(script));
                }
            }
        }
    }

    [Fact]
    public void FromScriptPubKey_RejectsNonAddressScripts()
    {
        Assert.Throws<AddressFormatException>(() => BitcoinAddress.FromScriptPubKey(ScriptTemplates.NullData([1, 2, 3]), Network.Mainnet));
        Assert.Throws<AddressFormatException>(() => BitcoinAddress.FromScriptPubKey([0x00, 0x03, 1, 2, 3], Network.Mainnet));
        Assert.Throws<AddressFormatException>(() => BitcoinAddress.FromScriptPubKey([], Network.Mainnet));
    }

    [Fact]
    public void RoundTrip_Property_AllKindsOnAllNetworks()
    {
        var gen =
            from kind in Gen.Choose(0, 3)
            from version in Gen.Choose(1, 16)
            from length in Gen.Choose(2, 40)
            from v0Long in ArbMap.Default.GeneratorFor<bool>()
            from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 40)
            from networkIndex in Gen.Choose(0, Network.All.Count - 1)
            select (kind switch
            {
                0 => ScriptTemplates.PayToPubKeyHash(bytes.AsSpan(0, 20)),
                1 => ScriptTemplates.PayToScriptHash(bytes.AsSpan(0, 20)),
                2 => ScriptTemplates.PayToWitnessProgram(0, bytes.AsSpan(0, v0Long ? 32 : 20)),
                _ => ScriptTemplates.PayToWitnessProgram(version, bytes.AsSpan(0, length)),
            }, Network.All[networkIndex]);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (script, network) = t;
            string address = BitcoinAddress.FromScriptPubKey(script, network);
            return BitcoinAddress.Parse(address, network).AsSpan().SequenceEqual(script);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RandomStrings_OnlyThrowAddressFormatException()
    {
        var gen = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
            Gen.Choose(0, 100).SelectMany(n => Gen.ArrayOf(Gen.Elements("qpzry9x8gf2tvdw0s3jn54khce6mua7l1bcBCtmn23".ToCharArray()), n)).Select(c => new string(c)));
        Prop.ForAll(gen.ToArbitrary(), text =>
        {
            foreach (var network in Network.All)
            {
                try
                {
                    BitcoinAddress.Parse(text, network);
                }
                catch (AddressFormatException)
                {
                }

                try
                {
                    Wif.Decode(text, network);
                }
                catch (AddressFormatException)
                {
                }
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Wif_RoundTrip_Property()
    {
        var gen =
            from secret in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32)
            from compressed in ArbMap.Default.GeneratorFor<bool>()
            from networkIndex in Gen.Choose(0, Network.All.Count - 1)
            select (secret, compressed, Network.All[networkIndex]);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (secret, compressed, network) = t;
            secret[0] &= 0x7f;
            secret[31] |= 1;
            var key = Wif.Decode(Wif.Encode(secret, compressed, network), network);
            return key.Compressed == compressed && key.Secret.AsSpan().SequenceEqual(secret);
        }).QuickCheckThrowOnFailure();
    }
}
