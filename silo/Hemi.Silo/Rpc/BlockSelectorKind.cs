namespace Hemi.Silo.Rpc;

/// <summary>How a JSON-RPC block parameter names a block.</summary>
public enum BlockSelectorKind
{
    Latest,
    Earliest,
    Pending,
    Safe,
    Finalized,
    Number,
    Hash,
}
