using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Tests.Storage;

public sealed class GrainStateSerializerTests
{
    private readonly GrainStateSerializer _serializer = new();

    [Fact]
    public void Serialize_WritesVersionedEnvelopeWithoutTypeNames()
    {
        var json = Encoding.UTF8.GetString(_serializer.Serialize(new ConformanceTestState { Name = "n", Counter = 2 }));
        Assert.StartsWith("{\"schema\":1,\"state\":{\"Name\":\"n\",\"Counter\":2", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Hemi", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomStates_RoundTrip()
    {
        var states =
            (from name in ArbMap.Default.GeneratorFor<string>()
             from counter in ArbMap.Default.GeneratorFor<long>()
             from items in ArbMap.Default.GeneratorFor<string[]>()
             from blob in ArbMap.Default.GeneratorFor<byte[]>()
             select new ConformanceTestState
             {
                 Name = name ?? string.Empty,
                 Counter = counter,
                 Items = items.Select(i => i ?? string.Empty).ToList(),
                 Blob = blob,
             }).ToArbitrary();

        Prop.ForAll(states, state =>
        {
            var back = _serializer.Deserialize<ConformanceTestState>(_serializer.Serialize(state))!;
            // Lone surrogates cannot survive UTF-8; System.Text.Json replaces them, so compare what JSON can carry.
            return Normalize(back.Name) == Normalize(state.Name)
                && back.Counter == state.Counter
                && back.Items.Select(Normalize).SequenceEqual(state.Items.Select(Normalize))
                && back.Blob!.AsSpan().SequenceEqual(state.Blob);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void CustomJsonOptions_AreUsedForTheState()
    {
        var camel = new GrainStateSerializer(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        var bytes = camel.Serialize(new ConformanceTestState { Name = "c" });
        Assert.Contains("\"name\":\"c\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("c", camel.Deserialize<ConformanceTestState>(bytes)!.Name);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{", "not valid JSON")]
    [InlineData("[1,2]", "expected the")]
    [InlineData("\"text\"", "expected the")]
    [InlineData("{\"state\":{}}", "no \"schema\"")]
    [InlineData("{\"schema\":1}", "no \"state\"")]
    [InlineData("{\"schema\":\"1\",\"state\":{}}", "non-integer")]
    [InlineData("{\"schema\":1.5,\"state\":{}}", "non-integer")]
    [InlineData("{\"schema\":99999999999,\"state\":{}}", "non-integer")]
    [InlineData("{\"schema\":0,\"state\":{}}", "schema version 0")]
    [InlineData("{\"schema\":2,\"state\":{}}", "schema version 2")]
    [InlineData("{\"schema\":1,\"schema\":1,\"state\":{}}", "duplicate")]
    [InlineData("{\"schema\":1,\"state\":{},\"state\":{}}", "duplicate")]
    [InlineData("{\"schema\":1,\"state\":{\"Counter\":\"not a number\"}}", "does not match")]
    [InlineData("{\"schema\":1,\"state\":[1]}", "does not match")]
    [InlineData("{\"schema\":1,\"state\":{\"Blob\":\"!!!not base64\"}}", "does not match")]
    public void Deserialize_BadEnvelope_ThrowsGrainStorageException(string json, string messagePart)
    {
        var ex = Assert.Throws<GrainStorageException>(() => _serializer.Deserialize<ConformanceTestState>(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_DeeplyNestedInput_ThrowsGrainStorageException()
    {
        var json = "{\"schema\":1,\"state\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        Assert.Throws<GrainStorageException>(() => _serializer.Deserialize<ConformanceTestState>(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Deserialize_RandomBytes_OnlyThrowsGrainStorageException()
    {
        var valid = _serializer.Serialize(new ConformanceTestState { Name = "n", Items = ["a"], Blob = [1, 2] });
        var garbage = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            from position in Gen.Choose(0, valid.Length - 1)
            from value in ArbMap.Default.GeneratorFor<byte>()
            select Replace(valid, position, value),
            from cut in Gen.Choose(0, valid.Length - 1)
            select valid[..cut]).ToArbitrary();

        Prop.ForAll(garbage, bytes =>
        {
            try
            {
                _serializer.Deserialize<ConformanceTestState>(bytes);
                return true;
            }
            catch (GrainStorageException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Serialize_UnsupportedState_ThrowsGrainStorageException()
    {
        var cyclic = new Node();
        cyclic.Next = cyclic;
        Assert.Throws<GrainStorageException>(() => _serializer.Serialize(cyclic));
    }

    private static byte[] Replace(byte[] source, int position, byte value)
    {
        var copy = (byte[])source.Clone();
        copy[position] = value;
        return copy;
    }

    private static string Normalize(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));

    private sealed class Node
    {
        public Node? Next { get; set; }
    }
}
