using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Transactions;

namespace Hemi.Ethereum.Tests.Serialization;

/// <summary>The JSON form these types carry across grain calls: hex of the canonical bytes, decoded strictly.</summary>
public sealed class HexEncodedJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General) { IncludeFields = true };

    private sealed record Carrier(Hash32 Hash, Address Sender, Address? To, Hash32? Parent, Bloom Bloom, EthereumTransaction Transaction);

    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Options), Options)!;

    [Fact]
    public void HashAndAddress_AreHexStrings_AndRoundTrip()
    {
        Prop.ForAll(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 52).ToArbitrary(), bytes =>
        {
            var hash = new Hash32(bytes.AsSpan(0, 32));
            var address = new Address(bytes.AsSpan(32));
            return JsonSerializer.Serialize(hash, Options) == $"\"{hash}\""
                && JsonSerializer.Serialize(address, Options) == $"\"{address.ToLowerHexString()}\""
                && RoundTrip(hash) == hash
                && RoundTrip(address) == address;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void EveryTransactionKind_AndTheMembersAroundIt_RoundTripInARecord()
    {
        using var key = PrivateKey.FromBytes(Sha256.Hash("json key"u8));
        var to = new Address(Keccak256.Hash("to"u8).AsSpan(12));
        EthereumTransaction[] transactions =
        [
            new LegacyTransaction { ChainId = 7, Nonce = 1, GasPrice = 5, GasLimit = 21_000, To = to, Value = 3 }.Sign(key),
            new AccessListTransaction { ChainId = 7, Nonce = 2, GasPrice = 6, GasLimit = 30_000, To = to, AccessList = [new AccessListEntry(to, [Hash32.Zero])] }.Sign(key),
            new DynamicFeeTransaction { ChainId = 7, Nonce = 3, MaxFeePerGas = System.Numerics.BigInteger.Pow(10, 30), MaxPriorityFeePerGas = 2, GasLimit = 21_000, To = null, Data = new byte[] { 1, 2 } }.Sign(key),
        ];
        var bloom = new Bloom();
        bloom.Add(to);

        foreach (var transaction in transactions)
        {
            var carrier = new Carrier(transaction.GetHash(), to, null, new Hash32(Keccak256.Hash("p"u8)), bloom, transaction);
            var back = RoundTrip(carrier);
            Assert.Equal(carrier.Hash, back.Hash);
            Assert.Equal(carrier.Sender, back.Sender);
            Assert.Null(back.To);
            Assert.Equal(carrier.Parent, back.Parent);
            Assert.Equal(bloom, back.Bloom);
            Assert.Equal(transaction.Encode(), back.Transaction.Encode());
            Assert.Equal(transaction.GetType(), back.Transaction.GetType());
        }
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"0x\"")]
    [InlineData("\"00\"")]
    [InlineData("\"0x0\"")]
    [InlineData("\"0xzz00000000000000000000000000000000000000000000000000000000000000\"")]
    [InlineData("\"0x00000000000000000000000000000000000000000000000000000000000000\"")]
    [InlineData("\"0x000000000000000000000000000000000000000000000000000000000000000000\"")]
    [InlineData("42")]
    [InlineData("{}")]
    public void MalformedHash_IsAJsonException(string json)
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Hash32>(json, Options));

    [Fact]
    public void AnyString_AsAnyOfTheseTypes_DecodesOrFailsWithAJsonException()
    {
        var texts = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Select(b => "0x" + Convert.ToHexStringLower(b)),
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Select(b => "0x02" + Convert.ToHexStringLower(b)));
        Prop.ForAll(texts.ToArbitrary(), text =>
        {
            var json = JsonSerializer.Serialize(text);
            return DecodesOrJsonException<Hash32>(json) && DecodesOrJsonException<Address>(json)
                && DecodesOrJsonException<Bloom>(json) && DecodesOrJsonException<EthereumTransaction>(json);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void OversizedText_IsRefusedBeforeDecoding()
    {
        var json = "\"0x" + new string('0', 2 * 300) + "\"";
        Assert.Contains("at most", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Bloom>(json, Options)).Message);
    }

    private static bool DecodesOrJsonException<T>(string json)
    {
        try
        {
            JsonSerializer.Deserialize<T>(json, Options);
            return true;
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
