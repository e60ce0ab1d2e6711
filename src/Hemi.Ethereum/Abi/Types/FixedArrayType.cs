namespace Hemi.Ethereum.Abi;

/// <summary><c>T[k]</c>: k elements encoded like a tuple of k T's; dynamic exactly when T is. Values: <c>object?[]</c> of length k.</summary>
public sealed record FixedArrayType : AbiType
{
    public FixedArrayType(AbiType element, int length)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (element.Depth >= MaxDepth)
        {
            throw new ArgumentException($"ABI types nest at most {MaxDepth} levels.", nameof(element));
        }

        if (element.HeadSize == 0)
        {
            throw new ArgumentException("Array elements must occupy space in the encoding; empty tuples cannot be array elements.", nameof(element));
        }

        // Heads of dynamic elements are offsets, so the bound applies to every T[k].
        if ((long)length * element.HeadSize > MaxStaticSize)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"The head of {element.CanonicalName}[{length}] would exceed {MaxStaticSize} bytes.");
        }

        Element = element;
        Length = length;
        IsDynamic = element.IsDynamic;
        HeadSize = IsDynamic ? 32 : length * element.HeadSize;
    }

    public AbiType Element { get; }

    public int Length { get; }

    public override string CanonicalName =>
        Element.CanonicalName + "[" + Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    public override bool IsDynamic { get; }

    public override int HeadSize { get; }

    public override int Depth => Element.Depth + 1;
}
