using System.Numerics;
using System.Text.Json;
using Hemi.Ethereum;
using Hemi.Grains.L2;

namespace Hemi.Silo.Rpc.Methods;

/// <summary>Reads the transaction-call object of <c>eth_call</c>/<c>eth_estimateGas</c> (from, to, gas, value, data/input; fee fields are checked and ignored).</summary>
public static class CallObject
{
    public static CallRequest Parse(JsonElement element, int argument, int maxDataBytes)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw RpcParams.Invalid(argument, $"expected a call object, got {RpcParams.Describe(element)}");
        }

        try
        {
            var from = Optional(element, "from", RpcHex.ParseAddress);
            var to = Optional(element, "to", RpcHex.ParseAddress);
            var gas = Optional(element, "gas", s => (ulong?)RpcHex.ParseUInt64(s));
            var value = Optional(element, "value", s => (BigInteger?)RpcHex.ParseUInt256(s)) ?? BigInteger.Zero;
            _ = Optional(element, "gasPrice", s => (BigInteger?)RpcHex.ParseUInt256(s));
            _ = Optional(element, "maxFeePerGas", s => (BigInteger?)RpcHex.ParseUInt256(s));
            _ = Optional(element, "maxPriorityFeePerGas", s => (BigInteger?)RpcHex.ParseUInt256(s));
            _ = Optional(element, "nonce", s => (ulong?)RpcHex.ParseUInt64(s));
            var data = Optional(element, "data", s => RpcHex.ParseData(s, maxDataBytes));
            var input = Optional(element, "input", s => RpcHex.ParseData(s, maxDataBytes));
            if (data is not null && input is not null && !data.AsSpan().SequenceEqual(input))
            {
                throw new RpcHexFormatException("both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass transaction call data");
            }

            return new CallRequest(from, to, input ?? data ?? [], value, gas);
        }
        catch (RpcHexFormatException e)
        {
            throw RpcParams.Invalid(argument, e.Message);
        }
    }

    private static T? Optional<T>(JsonElement element, string name, Func<string, T> parse)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new RpcHexFormatException($"{name} must be a hex string");
        }

        try
        {
            return parse(value.GetString()!);
        }
        catch (RpcHexFormatException e)
        {
            throw new RpcHexFormatException($"{name}: {e.Message}");
        }
    }
}
