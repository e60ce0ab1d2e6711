namespace Hemi.Ethereum.Abi;

/// <summary><c>bytesN</c>, N in 1..32, left-aligned in its word. Values: <c>byte[]</c> of exactly N bytes.</summary>
public sealed record FixedBytesType : AbiType
{
    public FixedBytesType(int size)
    {
        if (size is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "bytesN needs N in 1..32.");
        }

        Size = size;
    }

    public int Size { get; }

    public override string CanonicalName => "bytes" + Size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override bool IsDynamic => false;

    public override bool IsValueType => true;
}
