using Hemi.Crypto;

namespace Hemi.Ethereum.Abi;

/// <summary>
/// A Solidity event. Topic 0 is keccak256 of the canonical signature (absent for anonymous events); each indexed
/// parameter takes one topic: value types as their 32-byte word, everything else (bytes, string, arrays, tuples) as
/// keccak256 of its in-place encoding, so decoding returns a <see cref="Hash32"/> for those. The non-indexed
/// parameters are ABI-encoded as a tuple in the data.
/// </summary>
public sealed class AbiEvent
{
    private readonly IReadOnlyList<AbiType> _dataTypes;

    public AbiEvent(string name, IEnumerable<AbiParameter> inputs, bool anonymous = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputs);
        AbiSignature.RequireIdentifier(name);
        Name = name;
        Inputs = Array.AsReadOnly(inputs.ToArray());
        Anonymous = anonymous;
        var indexed = Inputs.Count(p => p.Indexed);
        var maximum = anonymous ? 4 : 3;
        if (indexed > maximum)
        {
            throw new AbiException($"An {(anonymous ? "anonymous " : string.Empty)}event has at most {maximum} indexed parameters; {name} has {indexed}.");
        }

        Signature = AbiSignature.Canonical(name, Inputs);
        Topic0 = new Hash32(AbiSignature.Hash(Signature));
        _dataTypes = Array.AsReadOnly(Inputs.Where(p => !p.Indexed).Select(p => p.Type).ToArray());
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public bool Anonymous { get; }

    /// <summary>Canonical signature, e.g. <c>Transfer(address,address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>keccak256 of the signature; only emitted as a topic when the event is not anonymous.</summary>
    public Hash32 Topic0 { get; }

    /// <summary>Parses <c>event Transfer(address indexed from, address indexed to, uint256 value) [anonymous]</c>; the keyword is optional.</summary>
    public static AbiEvent Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var parsed = AbiSignatureParser.ParseSignature(signature, "event", AbiSignatureParser.ListKind.Event);
        var anonymous = false;
        foreach (var modifier in parsed.Modifiers)
        {
            if (modifier != "anonymous" || anonymous)
            {
                throw new AbiException($"Unexpected '{modifier}' after an event declaration.");
            }

            anonymous = true;
        }

        return new AbiEvent(parsed.Name, parsed.Inputs, anonymous);
    }

    /// <summary>Builds the topics and data for the given parameter values (in declaration order).</summary>
    public AbiLog EncodeLog(params object?[] values) => EncodeLog((IReadOnlyList<object?>)values);

    /// <summary>Builds the topics and data for the given parameter values (in declaration order).</summary>
    public AbiLog EncodeLog(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        AbiEncoder.CheckCount(Inputs.Count, values.Count, "event parameters");
        var topics = new List<Hash32>(4);
        if (!Anonymous)
        {
            topics.Add(Topic0);
        }

        var dataValues = new List<object?>(Inputs.Count);
        for (var i = 0; i < Inputs.Count; i++)
        {
            if (Inputs[i].Indexed)
            {
                topics.Add(EncodeTopic(Inputs[i].Type, values[i]));
            }
            else
            {
                dataValues.Add(values[i]);
            }
        }

        return new AbiLog(topics.AsReadOnly(), AbiEncoder.Encode(_dataTypes, dataValues));
    }

    /// <summary>The topic for one indexed value: its word for value types, otherwise keccak256 of its in-place encoding.</summary>
    public static Hash32 EncodeTopic(AbiType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsValueType)
        {
            var word = new byte[32];
            AbiEncoder.WriteWord(type, value, word);
            return new Hash32(word);
        }

        var preimage = new System.Buffers.ArrayBufferWriter<byte>();
        AbiInPlaceEncoder.Write(type, value, preimage, padded: false);
        return new Hash32(Keccak256.Hash(preimage.WrittenSpan));
    }

    /// <summary>
    /// Decodes a log into the parameter values in declaration order. Indexed value types are decoded from their
    /// topic; other indexed parameters come back as the <see cref="Hash32"/> stored in the topic.
    /// </summary>
    public object?[] DecodeLog(IReadOnlyList<Hash32> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var indexedCount = Inputs.Count(p => p.Indexed);
        var expected = indexedCount + (Anonymous ? 0 : 1);
        if (topics.Count != expected)
        {
            throw new AbiException($"{Signature} expects {expected} topics but the log has {topics.Count}.");
        }

        var topic = 0;
        if (!Anonymous)
        {
            if (topics[0] != Topic0)
            {
                throw new AbiException($"Topic 0 {topics[0]} is not the signature hash of {Signature}.");
            }

            topic = 1;
        }

        var dataValues = AbiDecoder.Decode(_dataTypes, data);
        var result = new object?[Inputs.Count];
        var next = 0;
        for (var i = 0; i < Inputs.Count; i++)
        {
            var parameter = Inputs[i];
            if (!parameter.Indexed)
            {
                result[i] = dataValues[next++];
                continue;
            }

            var word = topics[topic++];
            result[i] = parameter.Type.IsValueType ? AbiDecoder.DecodeWord(parameter.Type, word.AsSpan()) : word;
        }

        return result;
    }

    public override string ToString() =>
        AbiSignature.HumanReadable("event", Name, Inputs) + (Anonymous ? " anonymous" : string.Empty);
}
