using System.Numerics;
using Hemi.Ethereum.Rlp;

namespace Hemi.Ethereum.Trie;

/// <summary>
/// An account as stored in the state trie: <c>rlp([nonce, balance, storageRoot, codeHash])</c>
/// under the key keccak256(address).
/// </summary>
public sealed record AccountState(ulong Nonce, BigInteger Balance, Hash32 StorageRoot, Hash32 CodeHash)
{
    /// <summary>keccak256(""): the code hash of an account without code.</summary>
    public static readonly Hash32 EmptyCodeHash =
        Hash32.Parse("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

    private static readonly BigInteger s_maxBalance = (BigInteger.One << 256) - 1;

    /// <summary>An account with zero nonce and balance, no storage and no code.</summary>
    public static AccountState Empty { get; } = new(0, BigInteger.Zero, PatriciaTrie.EmptyRootHash, EmptyCodeHash);

    /// <summary>The account's RLP, the value stored in the state trie.</summary>
    public byte[] Encode()
    {
        if (Balance.Sign < 0 || Balance > s_maxBalance)
        {
            throw new InvalidOperationException("An account balance must fit in 256 unsigned bits.");
        }

        var writer = new RlpWriter(80);
        writer.BeginList();
        writer.WriteUInt64(Nonce);
        writer.WriteBigInteger(Balance);
        writer.WriteString(StorageRoot.AsSpan());
        writer.WriteString(CodeHash.AsSpan());
        writer.EndList();
        return writer.ToArray();
    }

    /// <summary>Decodes an account from its canonical RLP.</summary>
    /// <exception cref="TrieException">The bytes are not a canonical four-field account.</exception>
    public static AccountState Decode(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var outer = new RlpReader(encoded);
            var fields = outer.EnterList();
            outer.EnsureEnd();
            var nonce = fields.ReadUInt64();
            var balance = fields.ReadBigInteger(32);
            var storageRoot = new Hash32(fields.ReadFixedString(Hash32.Length));
            var codeHash = new Hash32(fields.ReadFixedString(Hash32.Length));
            fields.EnsureEnd();
            return new AccountState(nonce, balance, storageRoot, codeHash);
        }
        catch (RlpException e)
        {
            throw new TrieException("An account is not canonical rlp([nonce, balance, storageRoot, codeHash]): " + e.Message, e);
        }
    }
}
