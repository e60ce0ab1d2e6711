using System.Numerics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Grains.L2;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Tests.L2;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Grains.Tests.Abstractions;

/// <summary>
/// What crosses a grain call between silos (or from an external client) is written and read with the grain-call
/// codec's JSON options; calls inside one silo are not serialized, so only these tests show a type that does not
/// survive the trip.
/// </summary>
public sealed class GrainCallSerializationTests
{
    private static readonly JsonSerializerOptions Options = new GrainCallCodec([]).SerializerOptions;

    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Options), Options)!;

    public static TheoryData<string> GrainInterfaces()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(ISequencerGrain).Assembly.GetTypes().Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t)).OrderBy(t => t.FullName))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GrainInterfaces))]
    public void EveryTypeAGrainMethodTakesOrReturns_ReadsBackEverythingItWrites(string interfaceName)
    {
        var grainInterface = typeof(ISequencerGrain).Assembly.GetType(interfaceName)!;
        var problems = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var method in grainInterface.GetMethods())
        {
            foreach (var parameter in method.GetParameters())
            {
                Inspect(parameter.ParameterType, $"{method.Name}({parameter.Name})", seen, problems);
            }

            Inspect(method.ReturnType, $"{method.Name} result", seen, problems);
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ASubmittedTransaction_CrossesWithItsBytesSenderAndHash()
    {
        using var key = PrivateKey.FromBytes(Sha256.Hash("grain call key"u8));
        var signed = new DynamicFeeTransaction { ChainId = 7, Nonce = 9, MaxFeePerGas = BigInteger.Pow(10, 24), MaxPriorityFeePerGas = 1, GasLimit = 21_000, To = Address.Zero, Value = BigInteger.Pow(2, 200) }.Sign(key);
        var user = L2Transaction.DecodeFromMempool(signed.Encode());
        var submitted = new SubmittedTransaction(user, Address.FromPublicKey(key.PublicKey), user.Hash);

        var back = RoundTrip<IReadOnlyList<SubmittedTransaction>>([submitted]).Single();

        Assert.Equal(submitted, back);
        Assert.Equal(signed.Encode(), back.Transaction.Encode());
        Assert.Equal(BigInteger.Pow(2, 200), back.Transaction.Transaction.Value);
        Assert.NotEqual(Address.Zero, back.Sender);
    }

    [Fact]
    public void ASealedBlock_CrossesWithItsSystemAndUserTransactions()
    {
        var block = SealedBlockCodecTests.SampleBlock(3);

        var back = RoundTrip(block);

        Assert.Equal(block.Header.Hash, back.Header.Hash);
        Assert.Equal(block.Transactions.Select(t => t.Encode()), back.Transactions.Select(t => t.Encode()));
        Assert.IsType<BitcoinAttributesTransaction>(back.Transactions[0]);
        Assert.Equal(block.Execution.Transactions.Select(r => (r.Receipt.Encode(), r.Sender, r.EffectiveGasPrice, r.FailureReason)), back.Execution.Transactions.Select(r => (r.Receipt.Encode(), r.Sender, r.EffectiveGasPrice, r.FailureReason)));
        Assert.Equal(block.Execution.LogsBloom, back.Execution.LogsBloom);
    }

    [Fact]
    public void ASystemTransaction_PosingAsAUserTransaction_IsAJsonException()
    {
        var system = SealedBlockCodecTests.SampleBlock(0).Transactions[0];
        var json = JsonSerializer.Serialize(system, Options);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UserTransaction>(json, Options));
    }

    [Fact]
    public void AChainHead_KeepsItsHashAndBaseFee()
    {
        var head = new ChainHead(7, 12, new Hash32(Keccak256.Hash("head"u8)), 1_700_000_000, 30_000_000, BigInteger.Pow(10, 20));
        Assert.Equal(head, RoundTrip(head));
    }

    private static void Inspect(Type type, string path, HashSet<Type> seen, List<string> problems)
    {
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(Task) || type == typeof(ValueTask) || type == typeof(void) || !seen.Add(type) || typeof(IAddressable).IsAssignableFrom(type))
        {
            return;
        }

        var info = Options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.None:
                return; // a converter writes and reads it whole (primitives, strings, hashes, big integers, …)
            case JsonTypeInfoKind.Enumerable:
                Inspect(info.ElementType!, path + "[]", seen, problems);
                return;
            case JsonTypeInfoKind.Dictionary:
                Inspect(info.KeyType!, path + "{key}", seen, problems);
                Inspect(info.ElementType!, path + "{value}", seen, problems);
                return;
        }

        if (type.IsAbstract || type.IsInterface)
        {
            problems.Add($"{path}: {type.Name} is abstract and has no converter; it cannot be read back.");
            return;
        }

        if (info.Properties.Count == 0 && type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic).Length > 0)
        {
            problems.Add($"{path}: {type.Name} keeps its state in private fields; it would cross as {{}}.");
        }

        // Computed properties (a header's hash) are written and ignored on read; a type none of whose properties
        // is read back (its state is private, as a hash's or a BigInteger's) arrives empty.
        if (info.Properties.Count > 0 && info.Properties.All(p => p.Set is null && p.AssociatedParameter is null))
        {
            problems.Add($"{path}: {type.Name} reads none of the properties it writes ({string.Join(", ", info.Properties.Select(p => p.Name))}).");
        }

        foreach (var property in info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
        {
            Inspect(property.PropertyType, $"{path}.{property.Name}", seen, problems);
        }
    }
}
