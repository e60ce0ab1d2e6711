using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Hemi.Crypto;
using Hemi.Ethereum.Abi;
using static Hemi.Ethereum.Tests.Abi.AbiTestSupport;

namespace Hemi.Ethereum.Tests.Abi;

public sealed class AbiVectorTests
{
    private const string BasicAbiTests = "ethereum-tests/ABITests/basic_abi_tests.json";
    private const string SolidityHashes = "ethers-testcases/solidity-hashes.json.gz";

    [VectorFact(BasicAbiTests)]
    public void EthereumTests_BasicAbi_EncodeAndDecode()
    {
        using var document = JsonDocument.Parse(TestVectors.ReadText(BasicAbiTests));
        var cases = 0;
        foreach (var test in document.RootElement.EnumerateObject())
        {
            var types = test.Value.GetProperty("types").EnumerateArray().Select(t => AbiType.Parse(t.GetString()!)).ToArray();
            var values = types.Zip(test.Value.GetProperty("args").EnumerateArray(), (type, arg) => FromBasicJson(type, arg)).ToArray();
            var expected = test.Value.GetProperty("result").GetString()!;

            Assert.Equal(expected, Convert.ToHexStringLower(AbiEncoder.Encode(types, values)));
            AssertDeepEqual(values, AbiDecoder.Decode(types, Convert.FromHexString(expected)));
            cases++;
        }

        Assert.Equal(3, cases);
    }

    [VectorFact(SolidityHashes)]
    public void EthersSolidityHashes_PackedEncodingHashesMatch()
    {
        using var document = JsonDocument.Parse(TestVectors.ReadText(SolidityHashes));
        var cases = 0;
        foreach (var test in document.RootElement.EnumerateArray())
        {
            var name = test.GetProperty("name").GetString();
            var types = test.GetProperty("types").EnumerateArray().Select(t => AbiType.Parse(t.GetString()!)).ToArray();
            var values = types.Zip(test.GetProperty("values").EnumerateArray(), (type, v) => FromEthersJson(type, v)).ToArray();
            var packed = AbiPacked.Encode(types, values);

            Assert.True(Hex(test.GetProperty("keccak256").GetString()!).AsSpan().SequenceEqual(Keccak256.Hash(packed)), $"keccak256 of {name}");
            Assert.True(Hex(test.GetProperty("sha256").GetString()!).AsSpan().SequenceEqual(Sha256.Hash(packed)), $"sha256 of {name}");

            // ethers writes RIPEMD-160 left-aligned in 32 bytes.
            var ripemd = Hex(test.GetProperty("ripemd160").GetString()!);
            Assert.True(ripemd.AsSpan(0, 20).SequenceEqual(Ripemd160.Hash(packed)), $"ripemd160 of {name}");
            Assert.True(ripemd.AsSpan(20).IndexOfAnyExcept((byte)0) < 0);
            cases++;
        }

        Assert.Equal(2016, cases);
    }

    private static object? FromBasicJson(AbiType type, JsonElement arg) => type switch
    {
        UIntType or IntType => BigInteger.Parse(arg.GetRawText(), CultureInfo.InvariantCulture),
        AddressType => Address.Parse(arg.GetString()!),
        FixedBytesType or BytesType => System.Text.Encoding.UTF8.GetBytes(arg.GetString()!),
        StringType => arg.GetString(),
        ArrayType array => arg.EnumerateArray().Select(e => FromBasicJson(array.Element, e)).ToArray(),
        _ => throw new NotSupportedException(type.CanonicalName),
    };

    // ethers writes integers as (possibly negative) 0x-hex strings and byte strings as 0x-hex.
    private static object? FromEthersJson(AbiType type, JsonElement value) => type switch
    {
        UIntType or IntType => ParseHexInteger(value.GetString()!),
        AddressType => Address.Parse(value.GetString()!),
        BoolType => value.GetBoolean(),
        FixedBytesType or BytesType => Hex(value.GetString()!),
        StringType => value.GetString(),
        ArrayType array => value.EnumerateArray().Select(e => FromEthersJson(array.Element, e)).ToArray(),
        FixedArrayType array => value.EnumerateArray().Select(e => FromEthersJson(array.Element, e)).ToArray(),
        _ => throw new NotSupportedException(type.CanonicalName),
    };

    private static BigInteger ParseHexInteger(string text)
    {
        var negative = text.StartsWith('-');
        var digits = text.AsSpan(negative ? 3 : 2);
        var magnitude = BigInteger.Parse("0" + digits.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return negative ? -magnitude : magnitude;
    }
}
