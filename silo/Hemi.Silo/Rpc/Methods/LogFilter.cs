using System.Text.Json;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;

namespace Hemi.Silo.Rpc.Methods;

/// <summary>
/// An <c>eth_getLogs</c> filter: a block range or one block hash, addresses (any of), and up to four topic positions,
/// each null (anything) or a set of alternatives.
/// </summary>
public sealed class LogFilter
{
    /// <summary>Most addresses or alternatives per topic position.</summary>
    public const int MaxAlternatives = 1000;

    public BlockSelector? FromBlock { get; private init; }

    public BlockSelector? ToBlock { get; private init; }

    public Hash32? BlockHash { get; private init; }

    public IReadOnlyList<Address> Addresses { get; private init; } = [];

    /// <summary>Per position: null for a wildcard, otherwise the accepted topics.</summary>
    public IReadOnlyList<IReadOnlyList<Hash32>?> Topics { get; private init; } = [];

    public static LogFilter Parse(JsonElement element, int argument)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw RpcParams.Invalid(argument, $"expected a filter object, got {RpcParams.Describe(element)}");
        }

        try
        {
            BlockSelector? from = element.TryGetProperty("fromBlock", out var f) && f.ValueKind != JsonValueKind.Null ? BlockSelector.Parse(f) : null;
            BlockSelector? to = element.TryGetProperty("toBlock", out var t) && t.ValueKind != JsonValueKind.Null ? BlockSelector.Parse(t) : null;
            Hash32? blockHash = null;
            if (element.TryGetProperty("blockHash", out var h) && h.ValueKind != JsonValueKind.Null)
            {
                if (h.ValueKind != JsonValueKind.String)
                {
                    throw new RpcHexFormatException("blockHash must be a hex string");
                }

                blockHash = RpcHex.ParseHash(h.GetString());
                if (from is not null || to is not null)
                {
                    throw new RpcHexFormatException("cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
                }
            }

            if (from?.Kind == BlockSelectorKind.Hash || to?.Kind == BlockSelectorKind.Hash)
            {
                throw new RpcHexFormatException("fromBlock/toBlock must be tags or numbers");
            }

            return new LogFilter
            {
                FromBlock = from,
                ToBlock = to,
                BlockHash = blockHash,
                Addresses = ParseAddresses(element),
                Topics = ParseTopics(element),
            };
        }
        catch (RpcHexFormatException e)
        {
            throw RpcParams.Invalid(argument, e.Message);
        }
    }

    /// <summary>Whether the block's bloom may hold a matching log (false = certainly none).</summary>
    public bool MayMatch(Bloom bloom)
    {
        ArgumentNullException.ThrowIfNull(bloom);
        if (Addresses.Count > 0 && !Addresses.Any(bloom.Contains))
        {
            return false;
        }

        foreach (var position in Topics)
        {
            if (position is not null && !position.Any(bloom.Contains))
            {
                return false;
            }
        }

        return true;
    }

    public bool Matches(Log log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (Addresses.Count > 0 && !Addresses.Contains(log.Address))
        {
            return false;
        }

        if (Topics.Count > log.Topics.Count)
        {
            return false;
        }

        for (var i = 0; i < Topics.Count; i++)
        {
            if (Topics[i] is { } accepted && !accepted.Contains(log.Topics[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<Address> ParseAddresses(JsonElement element)
    {
        if (!element.TryGetProperty("address", out var a) || a.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (a.ValueKind == JsonValueKind.String)
        {
            return [RpcHex.ParseAddress(a.GetString())];
        }

        if (a.ValueKind != JsonValueKind.Array)
        {
            throw new RpcHexFormatException("address must be a string or an array of strings");
        }

        if (a.GetArrayLength() > MaxAlternatives)
        {
            throw new RpcHexFormatException($"at most {MaxAlternatives} addresses");
        }

        var addresses = new List<Address>();
        foreach (var item in a.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new RpcHexFormatException("address must be a string or an array of strings");
            }

            addresses.Add(RpcHex.ParseAddress(item.GetString()));
        }

        return addresses;
    }

    private static IReadOnlyList<IReadOnlyList<Hash32>?> ParseTopics(JsonElement element)
    {
        if (!element.TryGetProperty("topics", out var topics) || topics.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (topics.ValueKind != JsonValueKind.Array)
        {
            throw new RpcHexFormatException("topics must be an array");
        }

        if (topics.GetArrayLength() > 4)
        {
            throw new RpcHexFormatException("too many topics: a log has at most 4");
        }

        var positions = new List<IReadOnlyList<Hash32>?>();
        foreach (var position in topics.EnumerateArray())
        {
            switch (position.ValueKind)
            {
                case JsonValueKind.Null:
                    positions.Add(null);
                    break;
                case JsonValueKind.String:
                    positions.Add([RpcHex.ParseHash(position.GetString())]);
                    break;
                case JsonValueKind.Array:
                {
                    if (position.GetArrayLength() > MaxAlternatives)
                    {
                        throw new RpcHexFormatException($"at most {MaxAlternatives} alternatives per topic");
                    }

                    var alternatives = new List<Hash32>();
                    var wildcard = false;
                    foreach (var item in position.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Null)
                        {
                            wildcard = true;
                        }
                        else if (item.ValueKind == JsonValueKind.String)
                        {
                            alternatives.Add(RpcHex.ParseHash(item.GetString()));
                        }
                        else
                        {
                            throw new RpcHexFormatException("a topic must be null, a hash or an array of hashes");
                        }
                    }

                    // An empty list or one containing null matches anything, as in geth.
                    positions.Add(wildcard || alternatives.Count == 0 ? null : alternatives);
                    break;
                }

                default:
                    throw new RpcHexFormatException("a topic must be null, a hash or an array of hashes");
            }
        }

        return positions;
    }
}
