using System.Text.Json;
using Hemi.Bitcoin.Addresses;

namespace Hemi.Bitcoin.Tests.Addresses;

/// <summary>Bitcoin Core's key_io_valid.json / key_io_invalid.json: addresses and WIF keys in both directions on every chain.</summary>
public sealed class KeyIoTests
{
    private const string Valid = "bitcoin-core/key_io_valid.json";
    private const string Invalid = "bitcoin-core/key_io_invalid.json";

    private static IEnumerable<Network> NetworksFor(string chain) => chain switch
    {
        "main" => [Network.Mainnet],
        "test" or "testnet4" => [Network.Testnet3, Network.Testnet4],
        "signet" => [Network.Signet],
        "regtest" => [Network.Regtest],
        _ => throw new InvalidOperationException($"unknown chain {chain}"),
    };

    [VectorFact(Valid)]
    public void ValidRows_ParseToScriptOrKey_AndFormatBack()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Valid));
        int addresses = 0, keys = 0;
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            string text = row[0].GetString()!;
            var payload = Convert.FromHexString(row[1].GetString()!);
            var meta = row[2];
            bool isPrivkey = meta.GetProperty("isPrivkey").GetBoolean();
            bool tryCaseFlip = meta.TryGetProperty("tryCaseFlip", out var flip) && flip.GetBoolean();
            foreach (var network in NetworksFor(meta.GetProperty("chain").GetString()!))
            {
                if (isPrivkey)
                {
                    bool compressed = meta.GetProperty("isCompressed").GetBoolean();
                    var key = Wif.Decode(text, network);
                    Assert.Equal(payload, key.Secret);
                    Assert.Equal(compressed, key.Compressed);
                    Assert.Equal(text, Wif.Encode(payload, compressed, network));
                    Assert.False(BitcoinAddress.TryParse(text, network, out _));
                    keys++;
                }
                else
                {
                    Assert.Equal(payload, BitcoinAddress.Parse(text, network));
                    string formatted = BitcoinAddress.FromScriptPubKey(payload, network);
                    Assert.Equal(tryCaseFlip ? text.ToLowerInvariant() : text, formatted);
                    Assert.False(Wif.TryDecode(text, network, out _));
                    if (tryCaseFlip)
                    {
                        Assert.Equal(payload, BitcoinAddress.Parse(FlipCase(text), network));
                    }

                    addresses++;
                }
            }
        }

        Assert.True(addresses >= 50 && keys >= 16, $"{addresses} addresses, {keys} keys");
    }

    [VectorFact(Valid)]
    public void ValidAddresses_AreRejectedOnNetworksWithOtherPrefixes()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Valid));
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            var meta = row[2];
            if (meta.GetProperty("isPrivkey").GetBoolean() || meta.GetProperty("chain").GetString() != "main")
            {
                continue;
            }

            string text = row[0].GetString()!;
            foreach (var network in new[] { Network.Testnet3, Network.Testnet4, Network.Signet, Network.Regtest })
            {
                Assert.False(BitcoinAddress.TryParse(text, network, out _), $"{text} accepted on {network.Name}");
            }
        }
    }

    [VectorFact(Invalid)]
    public void InvalidRows_AreRejectedOnEveryNetwork_AsAddressAndAsKey()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Invalid));
        int count = 0;
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            string text = row[0].GetString()!;
            foreach (var network in Network.All)
            {
                Assert.False(BitcoinAddress.TryParse(text, network, out _), $"{text} parsed as address on {network.Name}");
                Assert.False(Wif.TryDecode(text, network, out _), $"{text} parsed as WIF on {network.Name}");
                Assert.Throws<AddressFormatException>(() => BitcoinAddress.Parse(text, network));
            }

            count++;
        }

        Assert.Equal(70, count);
    }

    private static string FlipCase(string text) =>
        new(text.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
}
