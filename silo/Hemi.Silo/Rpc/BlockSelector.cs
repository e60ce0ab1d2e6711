using System.Text.Json;
using Hemi.Ethereum;

namespace Hemi.Silo.Rpc;

/// <summary>A block parameter: a tag, a number, or (EIP-1898) <c>{"blockHash": …}</c> / <c>{"blockNumber": …}</c>.</summary>
public readonly record struct BlockSelector(BlockSelectorKind Kind, ulong Number = 0, Hash32 Hash = default)
{
    public static BlockSelector Latest => new(BlockSelectorKind.Latest);

    /// <summary>Parses a tag or quantity string, or an EIP-1898 object.</summary>
    /// <exception cref="RpcHexFormatException">Malformed.</exception>
    public static BlockSelector Parse(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return ParseTag(element.GetString());
            case JsonValueKind.Object:
            {
                var hasHash = element.TryGetProperty("blockHash", out var hash);
                var hasNumber = element.TryGetProperty("blockNumber", out var number);
                if (hasHash == hasNumber)
                {
                    throw new RpcHexFormatException("a block object needs exactly one of blockHash or blockNumber");
                }

                if (hasHash)
                {
                    if (hash.ValueKind != JsonValueKind.String)
                    {
                        throw new RpcHexFormatException("blockHash must be a hex string");
                    }

                    return new BlockSelector(BlockSelectorKind.Hash, Hash: RpcHex.ParseHash(hash.GetString()));
                }

                if (number.ValueKind != JsonValueKind.String)
                {
                    throw new RpcHexFormatException("blockNumber must be a hex string or tag");
                }

                return ParseTag(number.GetString());
            }

            default:
                throw new RpcHexFormatException("a block must be a tag, a hex number or a block object");
        }
    }

    private static BlockSelector ParseTag(string? text) => text switch
    {
        "latest" => Latest,
        "earliest" => new BlockSelector(BlockSelectorKind.Earliest),
        "pending" => new BlockSelector(BlockSelectorKind.Pending),
        "safe" => new BlockSelector(BlockSelectorKind.Safe),
        "finalized" => new BlockSelector(BlockSelectorKind.Finalized),
        _ => new BlockSelector(BlockSelectorKind.Number, RpcHex.ParseUInt64(text)),
    };
}
