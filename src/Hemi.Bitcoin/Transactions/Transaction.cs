using System.Buffers;
using System.Buffers.Binary;

namespace Hemi.Bitcoin.Transactions;

/// <summary>
/// An immutable Bitcoin transaction with legacy and BIP144 (segwit) serialization. The txid, wtxid and sizes are
/// computed on first use and cached.
/// </summary>
public sealed class Transaction
{
    /// <summary>Bitcoin Core's MAX_BLOCK_WEIGHT, which also bounds a single transaction.</summary>
    public const int MaxBlockWeight = 4_000_000;

    // Smallest possible encodings, used to bound element counts before allocating.
    private const int MinInputSize = OutPoint.Size + 1 + 4;
    private const int MinOutputSize = 8 + 1;

    private readonly TxIn[] _inputs;
    private readonly TxOut[] _outputs;
    private readonly bool _hasWitness;

    private int _baseSize = -1;
    private int _totalSize = -1;
    private Hash256 _txId;
    private Hash256 _wtxId;
    private bool _txIdComputed;
    private bool _wtxIdComputed;

    public Transaction(int version, IReadOnlyList<TxIn> inputs, IReadOnlyList<TxOut> outputs, uint lockTime)
        : this(version, ToArray(inputs), ToArray(outputs), lockTime)
    {
    }

    private Transaction(int version, TxIn[] inputs, TxOut[] outputs, uint lockTime)
    {
        Version = version;
        _inputs = inputs;
        _outputs = outputs;
        LockTime = lockTime;
        foreach (var input in inputs)
        {
            if (input.HasWitness)
            {
                _hasWitness = true;
                break;
            }
        }
    }

    public int Version { get; }

    public IReadOnlyList<TxIn> Inputs => _inputs;

    public IReadOnlyList<TxOut> Outputs => _outputs;

    public uint LockTime { get; }

    /// <summary>Whether any input carries witness data (so the BIP144 encoding is used).</summary>
    public bool HasWitness => _hasWitness;

    /// <summary>A coinbase has exactly one input, spending the null outpoint.</summary>
    public bool IsCoinbase => _inputs.Length == 1 && _inputs[0].PrevOut.IsNull;

    /// <summary>Size without witness data (the serialization the txid hashes).</summary>
    public int BaseSize
    {
        get
        {
            if (_baseSize < 0)
            {
                _baseSize = ComputeSize(includeWitness: false);
            }

            return _baseSize;
        }
    }

    /// <summary>Size of the full (BIP144 when witnessed) serialization.</summary>
    public int TotalSize
    {
        get
        {
            if (_totalSize < 0)
            {
                _totalSize = _hasWitness ? ComputeSize(includeWitness: true) : BaseSize;
            }

            return _totalSize;
        }
    }

    /// <summary>BIP141 weight: base size × 3 + total size.</summary>
    public int Weight => (BaseSize * 3) + TotalSize;

    /// <summary>Virtual size: weight / 4, rounded up.</summary>
    public int VirtualSize => (Weight + 3) / 4;

    /// <summary>Parses exactly one transaction; trailing bytes are an error.</summary>
    public static Transaction Parse(ReadOnlySpan<byte> raw)
    {
        var reader = new BitcoinReader(raw);
        var tx = Parse(ref reader);
        if (!reader.IsAtEnd)
        {
            throw new BitcoinFormatException($"{reader.Remaining} unexpected bytes after the transaction.");
        }

        return tx;
    }

    /// <summary>Parses a transaction from hex.</summary>
    public static Transaction ParseHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        byte[] raw;
        try
        {
            raw = Convert.FromHexString(hex);
        }
        catch (FormatException e)
        {
            throw new BitcoinFormatException("Invalid transaction hex.", e);
        }

        return Parse(raw);
    }

    /// <summary>
    /// Reads one transaction from <paramref name="reader"/>, following Bitcoin Core's rules: an empty input list
    /// followed by a non-zero flag byte introduces the BIP144 encoding; flag bit 0 means witnesses follow, and a
    /// witness section in which every stack is empty, or any other flag bit, is rejected.
    /// </summary>
    public static Transaction Parse(ref BitcoinReader reader)
    {
        var start = reader.Position;
        var version = reader.ReadInt32();
        var inputs = ReadInputs(ref reader);
        TxOut[] outputs;
        byte flags = 0;
        if (inputs.Length == 0)
        {
            flags = reader.ReadByte();
            if (flags != 0)
            {
                inputs = ReadInputs(ref reader);
                outputs = ReadOutputs(ref reader);
            }
            else
            {
                outputs = [];
            }
        }
        else
        {
            outputs = ReadOutputs(ref reader);
        }

        var witnessEnd = -1;
        if ((flags & 1) != 0)
        {
            flags ^= 1;
            var anyWitness = false;
            for (var i = 0; i < inputs.Length; i++)
            {
                var stack = ReadWitness(ref reader);
                if (stack.Length != 0)
                {
                    anyWitness = true;
                    inputs[i] = TxIn.FromParsed(inputs[i].PrevOut, inputs[i].ScriptSig, inputs[i].Sequence, stack);
                }
            }

            if (!anyWitness)
            {
                throw new BitcoinFormatException("Superfluous witness record.");
            }

            witnessEnd = reader.Position;
        }

        if (flags != 0)
        {
            throw new BitcoinFormatException("Unknown transaction optional data.");
        }

        var lockTime = reader.ReadUInt32();
        var tx = new Transaction(version, inputs, outputs, lockTime);
        var total = reader.Position - start;
        tx._totalSize = total;
        if (witnessEnd < 0)
        {
            // The bytes just read are exactly the txid preimage.
            tx._baseSize = total;
        }

        return tx;
    }

    /// <summary>Serializes the transaction; with <paramref name="includeWitness"/> and witness data present, the BIP144 form.</summary>
    public byte[] ToBytes(bool includeWitness = true)
    {
        var size = includeWitness ? TotalSize : BaseSize;
        var bytes = new byte[size];
        var written = WriteTo(bytes, includeWitness);
        System.Diagnostics.Debug.Assert(written == size, "Size computation and serialization disagree.");
        return bytes;
    }

    public string ToHex(bool includeWitness = true) => Convert.ToHexStringLower(ToBytes(includeWitness));

    public void WriteTo(BitcoinWriter writer, bool includeWitness)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var size = includeWitness ? TotalSize : BaseSize;
        var span = ((IBufferWriter<byte>)writer).GetSpan(size);
        WriteTo(span, includeWitness);
        ((IBufferWriter<byte>)writer).Advance(size);
    }

    /// <summary>Serializes into <paramref name="dest"/> (which must be large enough) and returns the byte count.</summary>
    public int WriteTo(Span<byte> dest, bool includeWitness)
    {
        var witness = includeWitness && _hasWitness;
        var pos = 0;
        BinaryPrimitives.WriteInt32LittleEndian(dest, Version);
        pos += 4;
        if (witness)
        {
            dest[pos++] = 0x00;
            dest[pos++] = 0x01;
        }

        pos += CompactSize.Write(dest[pos..], (ulong)_inputs.Length);
        foreach (var input in _inputs)
        {
            input.PrevOut.TxId.WriteInternal(dest[pos..]);
            BinaryPrimitives.WriteUInt32LittleEndian(dest[(pos + 32)..], input.PrevOut.Index);
            pos += OutPoint.Size;
            pos += WriteVarBytes(dest[pos..], input.ScriptSig);
            BinaryPrimitives.WriteUInt32LittleEndian(dest[pos..], input.Sequence);
            pos += 4;
        }

        pos += CompactSize.Write(dest[pos..], (ulong)_outputs.Length);
        foreach (var output in _outputs)
        {
            BinaryPrimitives.WriteInt64LittleEndian(dest[pos..], output.Value);
            pos += 8;
            pos += WriteVarBytes(dest[pos..], output.ScriptPubKey);
        }

        if (witness)
        {
            foreach (var input in _inputs)
            {
                var stack = input.Witness;
                pos += CompactSize.Write(dest[pos..], (ulong)stack.Count);
                for (var i = 0; i < stack.Count; i++)
                {
                    pos += WriteVarBytes(dest[pos..], stack[i]);
                }
            }
        }

        BinaryPrimitives.WriteUInt32LittleEndian(dest[pos..], LockTime);
        return pos + 4;
    }

    /// <summary>The txid: double SHA-256 of the serialization without witness data.</summary>
    public Hash256 GetTxId()
    {
        if (!Volatile.Read(ref _txIdComputed))
        {
            _txId = HashSerialization(includeWitness: false);
            Volatile.Write(ref _txIdComputed, true);
        }

        return _txId;
    }

    /// <summary>The wtxid: double SHA-256 of the full serialization (equal to the txid without witness data).</summary>
    public Hash256 GetWitnessTxId()
    {
        if (!_hasWitness)
        {
            return GetTxId();
        }

        if (!Volatile.Read(ref _wtxIdComputed))
        {
            _wtxId = HashSerialization(includeWitness: true);
            Volatile.Write(ref _wtxIdComputed, true);
        }

        return _wtxId;
    }

    /// <summary>
    /// Context-free checks of Bitcoin Core's CheckTransaction: inputs and outputs present, size, amounts within
    /// 0..21M BTC (also in total), no duplicate inputs, coinbase scriptSig of 2..100 bytes, no null prevouts otherwise.
    /// </summary>
    public TransactionError CheckBasic()
    {
        if (_inputs.Length == 0)
        {
            return TransactionError.NoInputs;
        }

        if (_outputs.Length == 0)
        {
            return TransactionError.NoOutputs;
        }

        if ((long)BaseSize * 4 > MaxBlockWeight)
        {
            return TransactionError.Oversize;
        }

        long total = 0;
        foreach (var output in _outputs)
        {
            if (output.Value < 0)
            {
                return TransactionError.NegativeOutput;
            }

            if (output.Value > Money.MaxMoney)
            {
                return TransactionError.OutputTooLarge;
            }

            total += output.Value;
            if (total > Money.MaxMoney)
            {
                return TransactionError.OutputTotalTooLarge;
            }
        }

        if (_inputs.Length > 1)
        {
            var seen = new HashSet<OutPoint>(_inputs.Length);
            foreach (var input in _inputs)
            {
                if (!seen.Add(input.PrevOut))
                {
                    return TransactionError.DuplicateInputs;
                }
            }
        }

        if (IsCoinbase)
        {
            var length = _inputs[0].ScriptSig.Length;
            if (length is < 2 or > 100)
            {
                return TransactionError.BadCoinbaseLength;
            }
        }
        else
        {
            foreach (var input in _inputs)
            {
                if (input.PrevOut.IsNull)
                {
                    return TransactionError.NullPrevOut;
                }
            }
        }

        return TransactionError.None;
    }

    public override string ToString() => GetTxId().ToString();

    private Hash256 HashSerialization(bool includeWitness)
    {
        var size = includeWitness ? TotalSize : BaseSize;
        if (size <= 1024)
        {
            Span<byte> small = stackalloc byte[size];
            WriteTo(small, includeWitness);
            return Hash256.DoubleSha256(small);
        }

        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            WriteTo(rented, includeWitness);
            return Hash256.DoubleSha256(rented.AsSpan(0, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private int ComputeSize(bool includeWitness)
    {
        var witness = includeWitness && _hasWitness;
        long size = 4 + 4 + CompactSize.GetSize((ulong)_inputs.Length) + CompactSize.GetSize((ulong)_outputs.Length);
        foreach (var input in _inputs)
        {
            size += OutPoint.Size + VarBytesSize(input.ScriptSig) + 4;
        }

        foreach (var output in _outputs)
        {
            size += output.SerializedSize;
        }

        if (witness)
        {
            size += 2;
            foreach (var input in _inputs)
            {
                var stack = input.Witness;
                size += CompactSize.GetSize((ulong)stack.Count);
                for (var i = 0; i < stack.Count; i++)
                {
                    size += VarBytesSize(stack[i]);
                }
            }
        }

        return size <= Array.MaxLength ? (int)size : throw new InvalidOperationException("Transaction too large to serialize.");
    }

    private static int VarBytesSize(byte[] bytes) => CompactSize.GetSize((ulong)bytes.Length) + bytes.Length;

    private static int WriteVarBytes(Span<byte> dest, byte[] bytes)
    {
        var n = CompactSize.Write(dest, (ulong)bytes.Length);
        bytes.CopyTo(dest[n..]);
        return n + bytes.Length;
    }

    private static TxIn[] ReadInputs(ref BitcoinReader reader)
    {
        var count = reader.ReadCount(MinInputSize);
        if (count == 0)
        {
            return [];
        }

        var inputs = new TxIn[count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var txId = reader.ReadHash256();
            var index = reader.ReadUInt32();
            var script = reader.ReadVarBytes();
            var sequence = reader.ReadUInt32();
            inputs[i] = TxIn.FromParsed(new OutPoint(txId, index), script, sequence, []);
        }

        return inputs;
    }

    private static TxOut[] ReadOutputs(ref BitcoinReader reader)
    {
        var count = reader.ReadCount(MinOutputSize);
        if (count == 0)
        {
            return [];
        }

        var outputs = new TxOut[count];
        for (var i = 0; i < outputs.Length; i++)
        {
            var value = reader.ReadInt64();
            outputs[i] = new TxOut(value, reader.ReadVarBytes());
        }

        return outputs;
    }

    private static byte[][] ReadWitness(ref BitcoinReader reader)
    {
        var count = reader.ReadCount(1);
        if (count == 0)
        {
            return [];
        }

        var stack = new byte[count][];
        for (var i = 0; i < stack.Length; i++)
        {
            stack[i] = reader.ReadVarBytes();
        }

        return stack;
    }

    private static T[] ToArray<T>(IReadOnlyList<T> items)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = new T[items.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = items[i] ?? throw new ArgumentException("List elements cannot be null.", nameof(items));
        }

        return array;
    }
}
