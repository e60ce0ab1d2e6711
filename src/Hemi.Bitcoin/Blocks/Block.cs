using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Merkle;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Blocks;

/// <summary>A full block: header and transactions, with merkle-root, witness-commitment and BIP34 helpers.</summary>
public sealed class Block
{
    /// <summary>Core's MAX_BLOCK_SERIALIZED_SIZE: no valid block serializes larger.</summary>
    public const int MaxSerializedSize = 4_000_000;

    // Smallest serialized transaction: version, empty input and output counts, lock time.
    private const int MinTransactionSize = 10;

    private static readonly byte[] s_commitmentPrefix = [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed];

    private readonly Transaction[] _transactions;

    public Block(BlockHeader header, IReadOnlyList<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(transactions);
        Header = header;
        _transactions = new Transaction[transactions.Count];
        for (var i = 0; i < _transactions.Length; i++)
        {
            _transactions[i] = transactions[i] ?? throw new ArgumentException("Transactions cannot be null.", nameof(transactions));
        }
    }

    private Block(BlockHeader header, Transaction[] transactions)
    {
        Header = header;
        _transactions = transactions;
    }

    public BlockHeader Header { get; }

    public IReadOnlyList<Transaction> Transactions => _transactions;

    /// <summary>The block hash (the header's hash).</summary>
    public Hash256 GetHash() => Header.GetHash();

    /// <summary>Parses exactly one serialized block (no network magic or length prefix); trailing bytes are an error.</summary>
    public static Block Parse(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > MaxSerializedSize)
        {
            throw new BitcoinFormatException($"Block of {raw.Length} bytes exceeds the {MaxSerializedSize}-byte limit.");
        }

        var reader = new BitcoinReader(raw);
        var block = Parse(ref reader);
        if (!reader.IsAtEnd)
        {
            throw new BitcoinFormatException($"{reader.Remaining} unexpected bytes after the block.");
        }

        return block;
    }

    /// <summary>Parses a block from hex.</summary>
    public static Block ParseHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        byte[] raw;
        try
        {
            raw = Convert.FromHexString(hex);
        }
        catch (FormatException e)
        {
            throw new BitcoinFormatException("Invalid block hex.", e);
        }

        return Parse(raw);
    }

    public static Block Parse(ref BitcoinReader reader)
    {
        var header = BlockHeader.Parse(ref reader);
        var count = reader.ReadCount(MinTransactionSize);
        var transactions = new Transaction[count];
        for (var i = 0; i < transactions.Length; i++)
        {
            transactions[i] = Transaction.Parse(ref reader);
        }

        return new Block(header, transactions);
    }

    public byte[] ToBytes(bool includeWitness = true)
    {
        var size = BlockHeader.Size + CompactSize.GetSize((ulong)_transactions.Length);
        foreach (var tx in _transactions)
        {
            size += includeWitness ? tx.TotalSize : tx.BaseSize;
        }

        var writer = new BitcoinWriter(size);
        Header.WriteTo(writer);
        writer.WriteCompactSize((ulong)_transactions.Length);
        foreach (var tx in _transactions)
        {
            tx.WriteTo(writer, includeWitness);
        }

        return writer.ToArray();
    }

    /// <summary>BIP141 block weight.</summary>
    public int Weight
    {
        get
        {
            var prefix = BlockHeader.Size + CompactSize.GetSize((ulong)_transactions.Length);
            var weight = prefix * 4;
            foreach (var tx in _transactions)
            {
                weight += tx.Weight;
            }

            return weight;
        }
    }

    /// <summary>The merkle root of the txids.</summary>
    public Hash256 ComputeMerkleRoot() => ComputeMerkleRoot(out _);

    /// <summary>The merkle root of the txids, reporting the CVE-2012-2459 duplicate-subtree mutation.</summary>
    public Hash256 ComputeMerkleRoot(out bool mutated)
    {
        var leaves = new Hash256[_transactions.Length];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = _transactions[i].GetTxId();
        }

        return MerkleTree.ComputeRootInPlace(leaves, out mutated);
    }

    /// <summary>The txids in block order.</summary>
    public Hash256[] GetTxIds()
    {
        var ids = new Hash256[_transactions.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _transactions[i].GetTxId();
        }

        return ids;
    }

    /// <summary>The BIP141 witness merkle root: wtxids with the coinbase's replaced by zero.</summary>
    public Hash256 ComputeWitnessMerkleRoot()
    {
        var leaves = new Hash256[_transactions.Length];
        for (var i = 1; i < leaves.Length; i++)
        {
            leaves[i] = _transactions[i].GetWitnessTxId();
        }

        return MerkleTree.ComputeRootInPlace(leaves, out _);
    }

    /// <summary>
    /// The witness commitment from the coinbase: the last output whose script starts with
    /// <c>6a24aa21a9ed</c> (OP_RETURN, push 36, commitment header); <see langword="null"/> when absent.
    /// </summary>
    public Hash256? GetWitnessCommitment()
    {
        if (_transactions.Length == 0)
        {
            return null;
        }

        var outputs = _transactions[0].Outputs;
        for (var i = outputs.Count - 1; i >= 0; i--)
        {
            var script = outputs[i].ScriptPubKey;
            if (script.Length >= 38 && script.AsSpan(0, 6).SequenceEqual(s_commitmentPrefix))
            {
                return Hash256.FromInternal(script.AsSpan(6, 32));
            }
        }

        return null;
    }

    /// <summary>
    /// BIP141 commitment check: with a commitment, the coinbase witness must be a single 32-byte reserved value and
    /// SHA256d(witness root ‖ reserved value) must equal the commitment; without one, no transaction may carry witness data.
    /// </summary>
    public bool CheckWitnessCommitment()
    {
        var commitment = GetWitnessCommitment();
        if (commitment is null)
        {
            foreach (var tx in _transactions)
            {
                if (tx.HasWitness)
                {
                    return false;
                }
            }

            return true;
        }

        var coinbaseWitness = _transactions[0].Inputs.Count == 1 ? _transactions[0].Inputs[0].Witness : [];
        if (coinbaseWitness.Count != 1 || coinbaseWitness[0].Length != 32)
        {
            return false;
        }

        Span<byte> preimage = stackalloc byte[64];
        ComputeWitnessMerkleRoot().WriteInternal(preimage);
        coinbaseWitness[0].CopyTo(preimage[32..]);
        return Hash256.DoubleSha256(preimage) == commitment.Value;
    }

    /// <summary>
    /// The height encoded at the start of the coinbase scriptSig (BIP34), or <see langword="null"/> when the script
    /// does not start with a minimally encoded non-negative number push.
    /// </summary>
    public long? GetBip34Height()
    {
        if (_transactions.Length == 0 || !_transactions[0].IsCoinbase)
        {
            return null;
        }

        return ReadLeadingScriptNumber(_transactions[0].Inputs[0].ScriptSig);
    }

    private static long? ReadLeadingScriptNumber(byte[] script)
    {
        if (script.Length == 0)
        {
            return null;
        }

        var op = script[0];
        if (op == 0x00)
        {
            return 0;
        }

        if (op is >= 0x51 and <= 0x60)
        {
            return op - 0x50;
        }

        // A direct push of up to 8 bytes holding a little-endian sign-magnitude number.
        if (op is < 1 or > 8 || script.Length < 1 + op)
        {
            return null;
        }

        var bytes = script.AsSpan(1, op);
        if ((bytes[^1] & 0x7f) == 0 && (bytes.Length == 1 || (bytes[^2] & 0x80) == 0))
        {
            return null; // not minimally encoded
        }

        if ((bytes[^1] & 0x80) != 0)
        {
            return null; // negative heights do not exist
        }

        long value = 0;
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }
}
