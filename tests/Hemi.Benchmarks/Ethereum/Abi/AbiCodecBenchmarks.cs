using System.Numerics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Hemi.Ethereum;
using Hemi.Ethereum.Abi;

namespace Hemi.Benchmarks.Ethereum.Abi;

/// <summary>
/// ABI encode/decode of a nested tuple <c>(address,uint256,bytes,(uint64,string)[])</c> against System.Text.Json
/// serialization of the same data as a POCO (the baseline of each category).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AbiCodecBenchmarks
{
    private static readonly IReadOnlyList<AbiType> Types = [AbiType.Parse("(address,uint256,bytes,(uint64,string)[])")];

    private object?[] _values = [];
    private Order _order = new();
    private byte[] _abi = [];
    private byte[] _json = [];

    [Params(4)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var owner = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var amount = BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);
        var data = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var items = Enumerable.Range(0, Items).Select(i => (Id: (ulong)(1000 + i), Name: "item number " + i)).ToArray();

        _values = [new object?[] { owner, amount, data, items.Select(x => (object?)new object?[] { new BigInteger(x.Id), x.Name }).ToArray() }];
        _order = new Order
        {
            Owner = owner.ToString(),
            Amount = UInt128.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture),
            Data = data,
            Items = items.Select(x => new OrderItem { Id = x.Id, Name = x.Name }).ToList(),
        };
        _abi = AbiEncoder.Encode(Types, _values);
        _json = JsonSerializer.SerializeToUtf8Bytes(_order);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Encode")]
    public byte[] Json_Serialize() => JsonSerializer.SerializeToUtf8Bytes(_order);

    [Benchmark]
    [BenchmarkCategory("Encode")]
    public byte[] Abi_Encode() => AbiEncoder.Encode(Types, _values);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Decode")]
    public Order? Json_Deserialize() => JsonSerializer.Deserialize<Order>(_json);

    [Benchmark]
    [BenchmarkCategory("Decode")]
    public object?[] Abi_Decode() => AbiDecoder.Decode(Types, _abi);

    /// <summary>The same data as a plain object for the JSON baseline.</summary>
    public sealed class Order
    {
        public string Owner { get; set; } = string.Empty;

        public UInt128 Amount { get; set; }

        public byte[] Data { get; set; } = [];

        public List<OrderItem> Items { get; set; } = [];
    }

    public sealed class OrderItem
    {
        public ulong Id { get; set; }

        public string Name { get; set; } = string.Empty;
    }
}
