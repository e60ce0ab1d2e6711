using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Hemi.Ethereum.Rlp;
using RlpCodec = Hemi.Ethereum.Rlp.Rlp;

namespace Hemi.Ethereum.Tests.Rlp;

public sealed class RlpVectorTests
{
    private const string ValidFile = "ethereum-tests/RLPTests/rlptest.json";
    private const string InvalidFile = "ethereum-tests/RLPTests/invalidRLPTest.json";
    private const string EthersFile = "ethers-testcases/rlp.json.gz";

    [VectorFact(ValidFile)]
    public void EthereumTests_EncodeEveryInput_MatchesOut()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(ValidFile));
        var count = 0;
        foreach (var test in doc.RootElement.EnumerateObject())
        {
            var item = FromEthereumTestsInput(test.Value.GetProperty("in"));
            var expected = FromHex(test.Value.GetProperty("out").GetString()!);
            Assert.True(expected.AsSpan().SequenceEqual(RlpCodec.Encode(item)), $"{test.Name}: encoding differs");
            count++;
        }

        Assert.True(count >= 28, $"expected at least 28 cases, saw {count}");
    }

    [VectorFact(ValidFile)]
    public void EthereumTests_DecodeEveryOut_GivesInput()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(ValidFile));
        foreach (var test in doc.RootElement.EnumerateObject())
        {
            var expected = FromEthereumTestsInput(test.Value.GetProperty("in"));
            var decoded = RlpCodec.Decode(FromHex(test.Value.GetProperty("out").GetString()!));
            Assert.True(expected.Equals(decoded), $"{test.Name}: decoded {decoded}, expected {expected}");
        }
    }

    [VectorFact(InvalidFile)]
    public void EthereumTests_EveryInvalidEncoding_ThrowsRlpException()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(InvalidFile));
        var count = 0;
        foreach (var test in doc.RootElement.EnumerateObject())
        {
            var bytes = FromHex(test.Value.GetProperty("out").GetString()!);
            var ex = Record.Exception(() => RlpCodec.Decode(bytes));
            Assert.True(ex is RlpException, $"{test.Name}: expected RlpException, got {ex?.GetType().Name ?? "success"}");
            count++;
        }

        Assert.True(count >= 26, $"expected at least 26 cases, saw {count}");
    }

    [VectorFact(EthersFile)]
    public void Ethers_EncodeAndDecode_BothWays()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(EthersFile));
        var count = 0;
        foreach (var test in doc.RootElement.EnumerateArray())
        {
            var name = test.GetProperty("name").GetString();
            var item = FromEthersDecoded(test.GetProperty("decoded"));
            var encoded = FromHex(test.GetProperty("encoded").GetString()!);
            Assert.True(encoded.AsSpan().SequenceEqual(RlpCodec.Encode(item)), $"{name}: encoding differs");
            Assert.True(item.Equals(RlpCodec.Decode(encoded)), $"{name}: decoding differs");
            count++;
        }

        Assert.True(count >= 61, $"expected 61 cases, saw {count}");
    }

    private static RlpItem FromEthereumTestsInput(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.Array => new RlpList(input.EnumerateArray().Select(FromEthereumTestsInput).ToArray()),
        JsonValueKind.Number => new RlpString(IntegerBytes(BigInteger.Parse(input.GetRawText(), CultureInfo.InvariantCulture))),
        JsonValueKind.String when input.GetString()!.StartsWith('#') =>
            new RlpString(IntegerBytes(BigInteger.Parse(input.GetString()![1..], CultureInfo.InvariantCulture))),
        JsonValueKind.String => new RlpString(input.GetString()!.Select(c => checked((byte)c)).ToArray()),
        _ => throw new InvalidDataException($"unexpected input kind {input.ValueKind}"),
    };

    private static RlpItem FromEthersDecoded(JsonElement decoded) => decoded.ValueKind == JsonValueKind.Array
        ? new RlpList(decoded.EnumerateArray().Select(FromEthersDecoded).ToArray())
        : new RlpString(FromHex(decoded.GetString()!));

    // Independent of the codec under test: BigInteger's own minimal big-endian form.
    private static byte[] IntegerBytes(BigInteger value) =>
        value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);

    internal static byte[] FromHex(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);
}
