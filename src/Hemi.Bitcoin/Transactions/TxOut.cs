namespace Hemi.Bitcoin.Transactions;

/// <summary>A transaction output: an amount in satoshis locked by a scriptPubKey.</summary>
public sealed class TxOut
{
    public TxOut(long value, byte[] scriptPubKey)
    {
        ArgumentNullException.ThrowIfNull(scriptPubKey);
        Value = value;
        ScriptPubKey = scriptPubKey;
    }

    /// <summary>Amount in satoshis.</summary>
    public long Value { get; }

    /// <summary>The locking script. Treat as read-only: the transaction's cached txid depends on it.</summary>
    public byte[] ScriptPubKey { get; }

    /// <summary>Serialized size: 8-byte value plus the length-prefixed script.</summary>
    public int SerializedSize => 8 + CompactSize.GetSize((ulong)ScriptPubKey.Length) + ScriptPubKey.Length;
}
