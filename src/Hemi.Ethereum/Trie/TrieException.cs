namespace Hemi.Ethereum.Trie;

/// <summary>
/// Raised when trie data is malformed: a node that is not valid RLP, has the wrong shape,
/// uses a bad hex-prefix path, or breaks the canonical layout rules of the Merkle-Patricia trie.
/// </summary>
public class TrieException : EthereumFormatException
{
    public TrieException()
    {
    }

    public TrieException(string message)
        : base(message)
    {
    }

    public TrieException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
