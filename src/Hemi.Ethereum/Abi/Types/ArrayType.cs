namespace Hemi.Ethereum.Abi;

/// <summary><c>T[]</c>: a dynamic array, length-prefixed. Values: <c>object?[]</c> (any <see cref="System.Collections.IList"/> when encoding).</summary>
public sealed record ArrayType : AbiType
{
    public ArrayType(AbiType element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.Depth >= MaxDepth)
        {
            throw new ArgumentException($"ABI types nest at most {MaxDepth} levels.", nameof(element));
        }

        // Zero-size elements (empty tuples) would let a tiny encoding claim billions of elements.
        if (element.HeadSize == 0)
        {
            throw new ArgumentException("Array elements must occupy space in the encoding; empty tuples cannot be array elements.", nameof(element));
        }

        Element = element;
    }

    public AbiType Element { get; }

    public override string CanonicalName => Element.CanonicalName + "[]";

    public override bool IsDynamic => true;

    public override int Depth => Element.Depth + 1;
}
