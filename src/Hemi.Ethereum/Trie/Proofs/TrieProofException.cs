namespace Hemi.Ethereum.Trie;

/// <summary>
/// Raised when a Merkle proof does not prove anything about the claimed root: a node is missing or
/// does not hash to its reference, is malformed, breaks the canonical layout, or the walk is too deep.
/// </summary>
public sealed class TrieProofException : TrieException
{
    public TrieProofException(string message)
        : base(message)
    {
    }

    public TrieProofException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
