namespace Hemi.Ethereum.Abi;

/// <summary><c>address</c>: a uint160 word. Values: <see cref="Hemi.Ethereum.Address"/> (a hex string or 20-byte array is accepted when encoding).</summary>
public sealed record AddressType : AbiType
{
    public override string CanonicalName => "address";

    public override bool IsDynamic => false;

    public override bool IsValueType => true;
}
