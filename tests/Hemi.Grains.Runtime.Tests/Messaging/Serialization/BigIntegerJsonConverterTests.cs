using System.Numerics;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Messaging;

namespace Hemi.Grains.Runtime.Tests.Messaging.Serialization;

/// <summary>Big integers in grain calls: System.Text.Json has no form for them, the codec adds a decimal string.</summary>
public sealed class BigIntegerJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new GrainCallCodec([]).SerializerOptions;

    private sealed record Balance(BigInteger Amount, BigInteger? Fee);

    [Fact]
    public void AnyBigInteger_RoundTrips_AsADecimalString()
    {
        var values = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Where(b => b.Length <= 64).Select(b => new BigInteger(b));
        Prop.ForAll(values.ToArbitrary(), value =>
        {
            var json = JsonSerializer.Serialize(new Balance(value, value * 3), Options);
            var back = JsonSerializer.Deserialize<Balance>(json, Options)!;
            return back.Amount == value && back.Fee == value * 3 && json.Contains($"\"{value}\"", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A256BitValue_AndNull_RoundTrip()
    {
        var max = BigInteger.Pow(2, 256) - 1;
        var back = JsonSerializer.Deserialize<Balance>(JsonSerializer.Serialize(new Balance(max, null), Options), Options)!;
        Assert.Equal(max, back.Amount);
        Assert.Null(back.Fee);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("\"\"")]
    [InlineData("\"1e5\"")]
    [InlineData("\"0x10\"")]
    [InlineData("\" 1\"")]
    [InlineData("\"1.5\"")]
    [InlineData("{}")]
    public void Malformed_IsAJsonException(string json)
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<BigInteger>(json, Options));

    [Fact]
    public void TooManyDigits_AreRefusedBeforeParsing()
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<BigInteger>("\"" + new string('9', 100_000) + "\"", Options));
}
