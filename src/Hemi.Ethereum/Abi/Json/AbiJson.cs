using System.Text.Json;

namespace Hemi.Ethereum.Abi;

/// <summary>Readers for JSON ABI entries and parameters (<c>{"name","type","components","indexed"}</c>).</summary>
internal static class AbiJson
{
    public static AbiFunction ReadFunction(JsonElement entry)
    {
        var mutability = OptionalString(entry, "stateMutability") switch
        {
            null => LegacyMutability(entry),
            "nonpayable" => StateMutability.NonPayable,
            "payable" => StateMutability.Payable,
            "view" => StateMutability.View,
            "pure" => StateMutability.Pure,
            var other => throw new AbiException($"Unknown stateMutability '{other}'."),
        };
        return new AbiFunction(
            RequiredString(entry, "name"),
            ReadParameters(entry, "inputs", allowIndexed: false),
            ReadParameters(entry, "outputs", allowIndexed: false),
            mutability);
    }

    public static List<AbiParameter> ReadParameters(JsonElement entry, string property, bool allowIndexed)
    {
        var parameters = new List<AbiParameter>();
        if (!entry.TryGetProperty(property, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return parameters;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new AbiException($"'{property}' must be an array.");
        }

        foreach (var item in list.EnumerateArray())
        {
            parameters.Add(ReadParameter(item, allowIndexed, 0));
        }

        return parameters;
    }

    /// <summary>One parameter; <c>tuple</c> types (with any array suffix) take their components from <c>components</c>.</summary>
    public static AbiParameter ReadParameter(JsonElement item, bool allowIndexed, int depth)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new AbiException("A JSON ABI parameter must be an object.");
        }

        if (depth >= AbiType.MaxDepth)
        {
            throw new AbiException($"JSON ABI types nest deeper than {AbiType.MaxDepth} levels.");
        }

        var typeText = RequiredString(item, "type");
        var name = OptionalString(item, "name");
        var indexed = OptionalBool(item, "indexed");
        if (indexed && !allowIndexed)
        {
            throw new AbiException("Only event parameters can be indexed.");
        }

        AbiType type;
        if (typeText.StartsWith("tuple", StringComparison.Ordinal))
        {
            if (!item.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
            {
                throw new AbiException("A tuple parameter needs a 'components' array.");
            }

            var tuple = Build(() => new TupleType(components.EnumerateArray().Select(c => ReadParameter(c, false, depth + 1)).ToList()));
            type = ApplySuffix(tuple, typeText.AsSpan(5));
        }
        else
        {
            type = AbiType.Parse(typeText);
        }

        return new AbiParameter(type, string.IsNullOrEmpty(name) ? null : name, indexed);
    }

    public static string RequiredString(JsonElement entry, string property) =>
        OptionalString(entry, property) ?? throw new AbiException($"JSON ABI entry lacks '{property}'.");

    public static string? OptionalString(JsonElement entry, string property)
    {
        if (!entry.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new AbiException($"'{property}' must be a string.");
    }

    public static bool OptionalBool(JsonElement entry, string property)
    {
        if (!entry.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new AbiException($"'{property}' must be a boolean."),
        };
    }

    // Pre-0.5 ABIs used constant/payable flags instead of stateMutability.
    private static StateMutability LegacyMutability(JsonElement entry) =>
        OptionalBool(entry, "constant") ? StateMutability.View
        : OptionalBool(entry, "payable") ? StateMutability.Payable
        : StateMutability.NonPayable;

    /// <summary>Applies array suffixes such as <c>[]</c>, <c>[2][]</c> to a tuple; the parser validates the text.</summary>
    private static AbiType ApplySuffix(TupleType tuple, ReadOnlySpan<char> suffix)
    {
        AbiType type = tuple;
        while (!suffix.IsEmpty)
        {
            var close = suffix.IndexOf(']');
            if (suffix[0] != '[' || close < 0)
            {
                throw new AbiException($"Malformed tuple array suffix '{suffix}'.");
            }

            var length = suffix[1..close];
            var element = type;
            if (length.IsEmpty)
            {
                type = Build(() => new ArrayType(element));
            }
            else
            {
                // Reuse the type parser's rules for lengths by parsing an equivalent elementary array.
                var parsed = (FixedArrayType)AbiType.Parse(string.Concat("bool[", length, "]"));
                type = Build(() => new FixedArrayType(element, parsed.Length));
            }

            suffix = suffix[(close + 1)..];
        }

        return type;
    }

    private static T Build<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException ex)
        {
            throw new AbiException(ex.Message, ex);
        }
    }
}
