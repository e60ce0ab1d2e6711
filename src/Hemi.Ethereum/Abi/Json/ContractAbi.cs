using System.Text.Json;

namespace Hemi.Ethereum.Abi;

/// <summary>
/// A contract's interface as described by the JSON ABI (the <c>abi</c> array emitted by solc): its functions,
/// events, errors and constructor inputs, with look-up by name, selector and topic.
/// </summary>
public sealed class ContractAbi
{
    private const int MaxJsonLength = 16 << 20;

    public ContractAbi(IEnumerable<AbiFunction> functions, IEnumerable<AbiEvent> events, IEnumerable<AbiError> errors, IEnumerable<AbiParameter>? constructorInputs = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(errors);
        Functions = Array.AsReadOnly(functions.ToArray());
        Events = Array.AsReadOnly(events.ToArray());
        Errors = Array.AsReadOnly(errors.ToArray());
        ConstructorInputs = Array.AsReadOnly((constructorInputs ?? []).ToArray());
    }

    public IReadOnlyList<AbiFunction> Functions { get; }

    public IReadOnlyList<AbiEvent> Events { get; }

    public IReadOnlyList<AbiError> Errors { get; }

    /// <summary>The constructor's parameters (empty when the ABI declares no constructor).</summary>
    public IReadOnlyList<AbiParameter> ConstructorInputs { get; }

    /// <summary>Parses a JSON ABI array. Entries of type constructor/fallback/receive are accepted; unknown types are errors.</summary>
    public static ContractAbi ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonLength)
        {
            throw new AbiException($"JSON ABI longer than {MaxJsonLength} characters.");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return FromJson(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new AbiException("The JSON ABI is not valid JSON.", ex);
        }
    }

    /// <summary>Reads an already-parsed JSON ABI array.</summary>
    public static ContractAbi FromJson(JsonElement abi)
    {
        if (abi.ValueKind != JsonValueKind.Array)
        {
            throw new AbiException("A JSON ABI must be an array.");
        }

        var functions = new List<AbiFunction>();
        var events = new List<AbiEvent>();
        var errors = new List<AbiError>();
        IReadOnlyList<AbiParameter>? constructor = null;
        foreach (var entry in abi.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new AbiException("Each JSON ABI entry must be an object.");
            }

            // solc omits "type" for functions in old output.
            var kind = AbiJson.OptionalString(entry, "type") ?? "function";
            switch (kind)
            {
                case "function":
                    functions.Add(AbiJson.ReadFunction(entry));
                    break;
                case "event":
                    events.Add(new AbiEvent(AbiJson.RequiredString(entry, "name"), AbiJson.ReadParameters(entry, "inputs", allowIndexed: true), AbiJson.OptionalBool(entry, "anonymous")));
                    break;
                case "error":
                    errors.Add(new AbiError(AbiJson.RequiredString(entry, "name"), AbiJson.ReadParameters(entry, "inputs", allowIndexed: false)));
                    break;
                case "constructor":
                    constructor = AbiJson.ReadParameters(entry, "inputs", allowIndexed: false);
                    break;
                case "fallback" or "receive":
                    break;
                default:
                    throw new AbiException($"Unknown JSON ABI entry type '{kind}'.");
            }
        }

        return new ContractAbi(functions, events, errors, constructor);
    }

    /// <summary>The function with this name (when unique) or canonical signature.</summary>
    public AbiFunction GetFunction(string nameOrSignature)
    {
        ArgumentNullException.ThrowIfNull(nameOrSignature);
        var matches = Functions.Where(f => f.Signature == nameOrSignature || f.Name == nameOrSignature).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new KeyNotFoundException($"No function '{nameOrSignature}'."),
            _ => throw new InvalidOperationException($"'{nameOrSignature}' is overloaded; use the full signature."),
        };
    }

    /// <summary>The event with this name (when unique) or canonical signature.</summary>
    public AbiEvent GetEvent(string nameOrSignature)
    {
        ArgumentNullException.ThrowIfNull(nameOrSignature);
        var matches = Events.Where(e => e.Signature == nameOrSignature || e.Name == nameOrSignature).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new KeyNotFoundException($"No event '{nameOrSignature}'."),
            _ => throw new InvalidOperationException($"'{nameOrSignature}' is overloaded; use the full signature."),
        };
    }

    /// <summary>The function whose selector starts the call data, if any.</summary>
    public AbiFunction? FindFunction(ReadOnlySpan<byte> callData)
    {
        foreach (var function in Functions)
        {
            if (function.Matches(callData))
            {
                return function;
            }
        }

        return null;
    }

    /// <summary>The custom error whose selector starts the revert data, if any.</summary>
    public AbiError? FindError(ReadOnlySpan<byte> revertData)
    {
        foreach (var error in Errors)
        {
            if (error.Matches(revertData))
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>The non-anonymous event whose signature hash is <paramref name="topic0"/>, if any.</summary>
    public AbiEvent? FindEvent(Hash32 topic0) => Events.FirstOrDefault(e => !e.Anonymous && e.Topic0 == topic0);

    /// <summary>Constructor arguments as appended to the creation bytecode.</summary>
    public byte[] EncodeConstructor(params object?[] arguments) =>
        AbiEncoder.Encode(ConstructorInputs.Select(p => p.Type).ToArray(), arguments);
}
