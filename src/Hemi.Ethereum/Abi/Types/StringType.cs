namespace Hemi.Ethereum.Abi;

/// <summary><c>string</c>: UTF-8 text encoded like <c>bytes</c>. Values: <see cref="string"/>; decoding rejects invalid UTF-8.</summary>
public sealed record StringType : AbiType
{
    public override string CanonicalName => "string";

    public override bool IsDynamic => true;
}
