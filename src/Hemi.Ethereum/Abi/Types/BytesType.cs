namespace Hemi.Ethereum.Abi;

/// <summary><c>bytes</c>: dynamic byte string, length-prefixed and right-padded. Values: <c>byte[]</c>.</summary>
public sealed record BytesType : AbiType
{
    public override string CanonicalName => "bytes";

    public override bool IsDynamic => true;
}
