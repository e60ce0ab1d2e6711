namespace Hemi.Ethereum.Abi;

/// <summary>
/// <c>(T1,…,Tn)</c>: a struct; components may carry names (ignored by equality of encodings but kept for display).
/// Values: <c>object?[]</c> (any <see cref="System.Collections.IList"/> or <see cref="System.Runtime.CompilerServices.ITuple"/> when encoding).
/// </summary>
public sealed record TupleType : AbiType
{
    private readonly AbiParameter[] _components;

    public TupleType(IEnumerable<AbiParameter> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        _components = components.ToArray();
        long head = 0;
        var depth = 0;
        var dynamic = false;
        foreach (var component in _components)
        {
            ArgumentNullException.ThrowIfNull(component, nameof(components));
            dynamic |= component.Type.IsDynamic;
            head += component.Type.HeadSize;
            depth = Math.Max(depth, component.Type.Depth);
        }

        if (depth >= MaxDepth)
        {
            throw new ArgumentException($"ABI types nest at most {MaxDepth} levels.", nameof(components));
        }

        if (head > MaxStaticSize)
        {
            throw new ArgumentException($"The head of this tuple would exceed {MaxStaticSize} bytes.", nameof(components));
        }

        IsDynamic = dynamic;
        HeadSize = dynamic ? 32 : (int)head;
        Depth = depth + 1;
        Types = Array.AsReadOnly(_components.Select(c => c.Type).ToArray());
    }

    public TupleType(params AbiType[] types)
        : this(types.Select(t => new AbiParameter(t)))
    {
    }

    /// <summary>The components with their optional names.</summary>
    public IReadOnlyList<AbiParameter> Components => _components;

    /// <summary>The component types in order.</summary>
    public IReadOnlyList<AbiType> Types { get; }

    public override string CanonicalName => "(" + string.Join(",", _components.Select(c => c.Type.CanonicalName)) + ")";

    public override bool IsDynamic { get; }

    public override int HeadSize { get; }

    public override int Depth { get; }

    // Structural equality over the component types; names are documentation and do not change the encoding.
    public bool Equals(TupleType? other) =>
        other is not null && Types.SequenceEqual(other.Types);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var type in Types)
        {
            hash.Add(type);
        }

        return hash.ToHashCode();
    }
}
