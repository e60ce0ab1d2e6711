using Hemi.Ethereum.Rlp;
using Hemi.Ethereum.Transactions;

namespace Hemi.Ethereum.Receipts;

/// <summary>
/// A transaction receipt: <c>rlp([statusOrPostState, cumulativeGasUsed, bloom, logs])</c>, prefixed with the
/// transaction type byte for typed (EIP-2718) transactions. Post-Byzantium receipts carry a status (0 or 1);
/// pre-Byzantium ones carry the 32-byte post-transaction state root instead.
/// </summary>
public sealed record Receipt
{
    public TransactionType Type { get; init; }

    /// <summary>1 for success, 0 for failure (ignored when <see cref="PostState"/> is set).</summary>
    public byte Status { get; init; }

    /// <summary>Pre-Byzantium intermediate state root; <see langword="null"/> for status receipts.</summary>
    public Hash32? PostState { get; init; }

    public ulong CumulativeGasUsed { get; init; }

    public Bloom Bloom { get; init; } = new();

    public IReadOnlyList<Log> Logs { get; init; } = [];

    public bool Succeeded => PostState is null && Status == 1;

    /// <summary>A post-Byzantium receipt whose bloom is computed from its logs.</summary>
    public static Receipt Create(TransactionType type, bool success, ulong cumulativeGasUsed, IReadOnlyList<Log> logs) => new()
    {
        Type = type,
        Status = success ? (byte)1 : (byte)0,
        CumulativeGasUsed = cumulativeGasUsed,
        Logs = logs,
        Bloom = Bloom.FromLogs(logs),
    };

    /// <summary>Whether <see cref="Bloom"/> is exactly the bloom of <see cref="Logs"/>.</summary>
    public bool BloomMatchesLogs() => Bloom.FromLogs(Logs).Equals(Bloom);

    public byte[] Encode()
    {
        if (PostState is null && Status > 1)
        {
            throw new InvalidOperationException("Receipt status must be 0 or 1.");
        }

        var writer = new RlpWriter(Bloom.Length + 64);
        if (Type != TransactionType.Legacy)
        {
            writer.WriteRaw([(byte)Type]);
        }

        writer.BeginList();
        if (PostState is { } root)
        {
            writer.WriteString(root.AsSpan());
        }
        else
        {
            writer.WriteUInt64(Status);
        }

        writer.WriteUInt64(CumulativeGasUsed);
        writer.WriteString(Bloom.AsSpan());
        writer.BeginList();
        foreach (var log in Logs)
        {
            writer.BeginList();
            writer.WriteString(log.Address.AsSpan());
            writer.BeginList();
            foreach (var topic in log.Topics)
            {
                writer.WriteString(topic.AsSpan());
            }

            writer.EndList();
            writer.WriteString(log.Data);
            writer.EndList();
        }

        writer.EndList();
        writer.EndList();
        return writer.ToArray();
    }

    /// <summary>Decodes a receipt in its consensus encoding (typed envelope or legacy RLP list).</summary>
    /// <exception cref="EthereumFormatException">Malformed or non-canonical input (RLP errors are <see cref="RlpException"/>).</exception>
    public static Receipt Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new EthereumFormatException("Empty receipt encoding.");
        }

        var type = TransactionType.Legacy;
        if (encoded[0] < 0x80)
        {
            // Every EIP-2718 type shares the receipt payload [status, cumulativeGas, bloom, logs]; chains add their own
            // types (Hemi's system transactions are 0x7C and 0x7D), so any type byte 0x01..0x7f is accepted.
            if (encoded[0] == 0)
            {
                throw new EthereumFormatException("Receipt type 0x00 is not a typed receipt.");
            }

            type = (TransactionType)encoded[0];
            encoded = encoded[1..];
        }

        var outer = new RlpReader(encoded);
        var fields = outer.EnterList();
        outer.EnsureEnd();

        byte status = 0;
        Hash32? postState = null;
        var first = fields.ReadString();
        if (first.Length == Hash32.Length)
        {
            postState = new Hash32(first);
        }
        else if (first.IsEmpty)
        {
            status = 0;
        }
        else if (first.Length == 1 && first[0] == 1)
        {
            status = 1;
        }
        else
        {
            throw new EthereumFormatException("Receipt status must be 0, 1 or a 32-byte state root.");
        }

        var cumulativeGas = fields.ReadUInt64();
        var bloom = new Bloom(fields.ReadFixedString(Bloom.Length));
        var logsReader = fields.EnterList();
        fields.EnsureEnd();
        var logs = new List<Log>();
        while (logsReader.HasMore)
        {
            var logFields = logsReader.EnterList();
            var address = new Address(logFields.ReadFixedString(Address.Length));
            var topicsReader = logFields.EnterList();
            var data = logFields.ReadString().ToArray();
            logFields.EnsureEnd();
            var topics = new List<Hash32>();
            while (topicsReader.HasMore)
            {
                topics.Add(new Hash32(topicsReader.ReadFixedString(Hash32.Length)));
            }

            logs.Add(new Log(address, topics, data));
        }

        return new Receipt
        {
            Type = type,
            Status = status,
            PostState = postState,
            CumulativeGasUsed = cumulativeGas,
            Bloom = bloom,
            Logs = logs,
        };
    }

    public bool Equals(Receipt? other) => other is not null && Encode().AsSpan().SequenceEqual(other.Encode());

    public override int GetHashCode() => HashCode.Combine(Type, CumulativeGasUsed, Logs.Count);
}
