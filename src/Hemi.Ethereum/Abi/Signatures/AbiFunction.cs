namespace Hemi.Ethereum.Abi;

/// <summary>
/// A contract function: name, inputs, outputs and the 4-byte selector (first bytes of keccak256 of the canonical
/// signature). Encodes and decodes call data and return data.
/// </summary>
public sealed class AbiFunction
{
    private readonly byte[] _selector;

    public AbiFunction(string name, IEnumerable<AbiParameter> inputs, IEnumerable<AbiParameter>? outputs = null, StateMutability stateMutability = StateMutability.NonPayable)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputs);
        AbiSignature.RequireIdentifier(name);
        Name = name;
        Inputs = Array.AsReadOnly(inputs.ToArray());
        Outputs = Array.AsReadOnly((outputs ?? []).ToArray());
        StateMutability = stateMutability;
        InputTypes = AbiSignature.Types(Inputs);
        OutputTypes = AbiSignature.Types(Outputs);
        Signature = AbiSignature.Canonical(name, Inputs);
        _selector = AbiSignature.Selector(Signature);
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public IReadOnlyList<AbiParameter> Outputs { get; }

    public IReadOnlyList<AbiType> InputTypes { get; }

    public IReadOnlyList<AbiType> OutputTypes { get; }

    public StateMutability StateMutability { get; }

    /// <summary>Canonical signature, e.g. <c>transfer(address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>The 4-byte function selector.</summary>
    public ReadOnlySpan<byte> Selector => _selector;

    /// <summary>The selector as <c>0x</c>-prefixed lowercase hex.</summary>
    public string SelectorHex => "0x" + Convert.ToHexStringLower(_selector);

    /// <summary>
    /// Parses <c>transfer(address,uint256)</c> or a human-readable declaration such as
    /// <c>function balanceOf(address owner) external view returns (uint256)</c>.
    /// </summary>
    public static AbiFunction Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var parsed = AbiSignatureParser.ParseSignature(signature, "function", AbiSignatureParser.ListKind.Function);
        var mutability = StateMutability.NonPayable;
        foreach (var modifier in parsed.Modifiers)
        {
            switch (modifier)
            {
                case "view" or "constant":
                    mutability = StateMutability.View;
                    break;
                case "pure":
                    mutability = StateMutability.Pure;
                    break;
                case "payable":
                    mutability = StateMutability.Payable;
                    break;
                case "nonpayable" or "external" or "public" or "internal" or "private" or "virtual" or "override":
                    break;
                default:
                    throw new AbiException($"Unknown function modifier '{modifier}' in \"{signature}\".");
            }
        }

        return new AbiFunction(parsed.Name, parsed.Inputs, parsed.Outputs, mutability);
    }

    /// <summary>Call data: selector followed by the encoded arguments.</summary>
    /// <remarks>
    /// C# passes a lone array argument (e.g. a <c>string[]</c> for <c>f(string[])</c>) as the whole params list;
    /// wrap it, <c>EncodeCall([names])</c>, or use the <see cref="IReadOnlyList{T}"/> overload.
    /// </remarks>
    public byte[] EncodeCall(params object?[] arguments) => EncodeCall((IReadOnlyList<object?>)arguments);

    /// <summary>Call data: selector followed by the encoded arguments.</summary>
    public byte[] EncodeCall(IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return AbiEncoder.EncodeWithPrefix(_selector, InputTypes, arguments);
    }

    /// <summary>Checks the selector and decodes the arguments of call data.</summary>
    public object?[] DecodeCall(ReadOnlySpan<byte> callData)
    {
        AbiSignature.RequireSelector(callData, _selector, Signature);
        return AbiDecoder.Decode(InputTypes, callData[4..]);
    }

    /// <summary>Whether call data starts with this function's selector.</summary>
    public bool Matches(ReadOnlySpan<byte> callData) => callData.Length >= 4 && callData[..4].SequenceEqual(_selector);

    /// <summary>Return data: the encoded outputs (no selector).</summary>
    public byte[] EncodeReturn(params object?[] results) => AbiEncoder.Encode(OutputTypes, results);

    /// <summary>Decodes return data into the outputs.</summary>
    public object?[] DecodeReturn(ReadOnlySpan<byte> returnData) => AbiDecoder.Decode(OutputTypes, returnData);

    /// <summary>Human-readable form, e.g. <c>function balanceOf(address owner) view returns (uint256)</c>.</summary>
    public override string ToString()
    {
        var text = AbiSignature.HumanReadable("function", Name, Inputs);
        if (StateMutability != StateMutability.NonPayable)
        {
            text += " " + StateMutability.ToString().ToLowerInvariant();
        }

        if (Outputs.Count > 0)
        {
            text += " returns (" + string.Join(", ", Outputs.Select(p => p.ToString())) + ")";
        }

        return text;
    }
}
