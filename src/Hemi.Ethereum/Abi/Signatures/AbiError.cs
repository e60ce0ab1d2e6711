namespace Hemi.Ethereum.Abi;

/// <summary>
/// A custom Solidity error (<c>error InsufficientBalance(uint256 available, uint256 required)</c>): revert data
/// is its 4-byte selector followed by the encoded arguments, exactly like a call.
/// </summary>
public sealed class AbiError
{
    private readonly byte[] _selector;

    public AbiError(string name, IEnumerable<AbiParameter> inputs)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputs);
        AbiSignature.RequireIdentifier(name);
        Name = name;
        Inputs = Array.AsReadOnly(inputs.ToArray());
        InputTypes = AbiSignature.Types(Inputs);
        Signature = AbiSignature.Canonical(name, Inputs);
        _selector = AbiSignature.Selector(Signature);
    }

    /// <summary>The built-in <c>Error(string)</c> raised by <c>require</c>/<c>revert("…")</c>.</summary>
    public static AbiError Error { get; } = new("Error", [new AbiParameter(AbiType.String, "message")]);

    /// <summary>The built-in <c>Panic(uint256)</c> raised by failed asserts, overflow and the like.</summary>
    public static AbiError Panic { get; } = new("Panic", [new AbiParameter(AbiType.UInt256, "code")]);

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public IReadOnlyList<AbiType> InputTypes { get; }

    /// <summary>Canonical signature, e.g. <c>Error(string)</c>.</summary>
    public string Signature { get; }

    public ReadOnlySpan<byte> Selector => _selector;

    public string SelectorHex => "0x" + Convert.ToHexStringLower(_selector);

    /// <summary>Parses <c>error Name(T1 a, T2 b)</c>; the <c>error</c> keyword is optional.</summary>
    public static AbiError Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var parsed = AbiSignatureParser.ParseSignature(signature, "error", AbiSignatureParser.ListKind.Error);
        if (parsed.Modifiers.Count > 0)
        {
            throw new AbiException($"Unexpected '{parsed.Modifiers[0]}' after an error declaration.");
        }

        return new AbiError(parsed.Name, parsed.Inputs);
    }

    public byte[] Encode(params object?[] arguments) => Encode((IReadOnlyList<object?>)arguments);

    public byte[] Encode(IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return AbiEncoder.EncodeWithPrefix(_selector, InputTypes, arguments);
    }

    public bool Matches(ReadOnlySpan<byte> revertData) => revertData.Length >= 4 && revertData[..4].SequenceEqual(_selector);

    /// <summary>Checks the selector and decodes the arguments.</summary>
    public object?[] Decode(ReadOnlySpan<byte> revertData)
    {
        AbiSignature.RequireSelector(revertData, _selector, Signature);
        return AbiDecoder.Decode(InputTypes, revertData[4..]);
    }

    public override string ToString() => AbiSignature.HumanReadable("error", Name, Inputs);
}
