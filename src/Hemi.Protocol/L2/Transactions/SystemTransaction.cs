using Hemi.Ethereum;
using Hemi.Ethereum.Rlp;
using Hemi.Protocol.Chain;

namespace Hemi.Protocol.L2.Transactions;

/// <summary>
/// A sequencer-inserted transaction from <see cref="SystemAddresses.SystemSender"/>: <c>type ‖ rlp([to, gas, data])</c>,
/// with no signature, nonce or fee fields (<c>to</c> may be the empty string, meaning none).
/// </summary>
public abstract record SystemTransaction : L2Transaction
{
    /// <summary>The gas limit op-geth gives system transactions post-Regolith (<c>RegolithSystemTxGas</c>).</summary>
    public const ulong DefaultGas = 1_000_000;

    private readonly byte[] _data = [];

    private protected SystemTransaction()
    {
    }

    public Address? To { get; init; }

    public ulong Gas { get; init; } = DefaultGas;

    /// <summary>The call data (copied on init).</summary>
    public ReadOnlyMemory<byte> Data
    {
        get => _data;
        init => _data = value.ToArray();
    }

    /// <summary>The fixed system sender 0x8888…8888; system transactions carry no signature.</summary>
    public Address Sender => SystemAddresses.SystemSender;

    public override bool IsSystem => true;

    public override byte[] Encode()
    {
        var writer = new RlpWriter(_data.Length + 40);
        writer.WriteRaw([TypeByte]);
        writer.BeginList();
        if (To is { } to)
        {
            writer.WriteString(to.AsSpan());
        }
        else
        {
            writer.WriteString([]);
        }

        writer.WriteUInt64(Gas);
        writer.WriteString(_data);
        writer.EndList();
        return writer.ToArray();
    }

    private protected static (Address? To, ulong Gas, byte[] Data) ReadPayload(ReadOnlySpan<byte> payload, string kind)
    {
        try
        {
            var outer = new RlpReader(payload);
            var fields = outer.EnterList();
            outer.EnsureEnd();
            var toBytes = fields.ReadString();
            Address? to = toBytes.Length switch
            {
                0 => null,
                Address.Length => new Address(toBytes),
                _ => throw new L2FormatException($"{kind}: 'to' must be empty or 20 bytes, got {toBytes.Length}."),
            };
            var gas = fields.ReadUInt64();
            var data = fields.ReadString().ToArray();
            fields.EnsureEnd();
            return (to, gas, data);
        }
        catch (RlpException e)
        {
            throw new L2FormatException($"{kind} is not canonical rlp([to, gas, data]): {e.Message}", e);
        }
    }

    public virtual bool Equals(SystemTransaction? other) =>
        other is not null && other.TypeByte == TypeByte && Encode().AsSpan().SequenceEqual(other.Encode());

    public override int GetHashCode() => HashCode.Combine(TypeByte, To, Gas, _data.Length);
}
