namespace Hemi.Ethereum.Abi;

/// <summary><c>bool</c>: a uint8 word restricted to 0 or 1. Values: <see cref="bool"/>.</summary>
public sealed record BoolType : AbiType
{
    public override string CanonicalName => "bool";

    public override bool IsDynamic => false;

    public override bool IsValueType => true;
}
