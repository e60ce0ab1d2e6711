namespace Hemi.Ethereum.Abi;

/// <summary><c>function</c>: an external function pointer, address (20) followed by selector (4), encoded like bytes24. Values: <c>byte[24]</c>.</summary>
public sealed record FunctionType : AbiType
{
    /// <summary>Encoded length: address plus selector.</summary>
    public const int Size = 24;

    public override string CanonicalName => "function";

    public override bool IsDynamic => false;

    public override bool IsValueType => true;
}
