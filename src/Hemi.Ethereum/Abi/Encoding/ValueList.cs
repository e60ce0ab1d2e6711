using System.Collections;
using System.Runtime.CompilerServices;

namespace Hemi.Ethereum.Abi;

/// <summary>Uniform read access to the .NET shapes accepted for array and tuple values.</summary>
internal readonly struct ValueList
{
    private readonly IList? _list;
    private readonly IReadOnlyList<object?>? _readOnly;
    private readonly ITuple? _tuple;

    private ValueList(IList? list, IReadOnlyList<object?>? readOnly, ITuple? tuple)
    {
        _list = list;
        _readOnly = readOnly;
        _tuple = tuple;
    }

    public int Count => _list?.Count ?? _readOnly?.Count ?? _tuple?.Length ?? 0;

    public object? this[int index] => _list is not null ? _list[index] : _readOnly is not null ? _readOnly[index] : _tuple![index];

    public static ValueList Of(IReadOnlyList<object?> values) => values is IList list ? new(list, null, null) : new(null, values, null);

    public static ValueList From(object? value, AbiType type) => value switch
    {
        IList list => new(list, null, null),
        IReadOnlyList<object?> readOnly => new(null, readOnly, null),
        ITuple tuple => new(null, null, tuple),
        _ => throw AbiValues.Mismatch(type, value, "a list of values"),
    };
}
