using System.Globalization;

namespace Hemi.Ethereum.Abi;

/// <summary>
/// Recursive-descent parser for type strings and human-readable signatures
/// (<c>function f(uint256 a, (bytes,string)[] b) view returns (bool)</c>, <c>event E(address indexed from)</c>).
/// Hostile input is bounded: nesting depth, digit counts and array lengths are checked before use.
/// </summary>
internal sealed class AbiSignatureParser
{
    private const int MaxTextLength = 1 << 20;

    private readonly string _text;
    private int _pos;

    private AbiSignatureParser(string text)
    {
        if (text.Length > MaxTextLength)
        {
            throw new AbiException($"ABI text longer than {MaxTextLength} characters.");
        }

        _text = text;
    }

    /// <summary>The kinds of parameter lists, which differ in the keywords they allow.</summary>
    internal enum ListKind
    {
        Components,
        Function,
        Event,
        Error,
    }

    public static AbiType ParseStandaloneType(string text)
    {
        var parser = new AbiSignatureParser(text);
        var type = parser.ParseType(0);
        parser.ExpectEnd();
        return type;
    }

    public static IReadOnlyList<AbiType> ParseTypeList(string text)
    {
        var parser = new AbiSignatureParser(text);
        var types = new List<AbiType>();
        parser.SkipWhitespace();
        if (parser.AtEnd)
        {
            return types;
        }

        while (true)
        {
            types.Add(parser.ParseType(0));
            parser.SkipWhitespace();
            if (parser.AtEnd)
            {
                return types;
            }

            parser.Expect(',');
        }
    }

    /// <summary>Parses <c>[keyword] name(params) …</c> and returns the pieces for the signature classes.</summary>
    public static ParsedSignature ParseSignature(string text, string keyword, ListKind kind)
    {
        var parser = new AbiSignatureParser(text);
        parser.SkipWhitespace();
        var start = parser._pos;
        var first = parser.ReadIdentifier();
        string name;
        if (first == keyword)
        {
            parser.SkipWhitespace();
            name = parser.ReadIdentifier();
        }
        else
        {
            if (first is "function" or "event" or "error" or "constructor" or "fallback" or "receive")
            {
                throw new AbiException($"Expected a {keyword} signature but found '{first}'.");
            }

            name = first;
        }

        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            parser._pos = start;
            throw parser.Error($"expected a {keyword} name");
        }

        var inputs = parser.ParseParameterList(0, kind);
        var modifiers = new List<string>();
        IReadOnlyList<AbiParameter>? outputs = null;
        while (true)
        {
            parser.SkipWhitespace();
            if (parser.AtEnd || parser.Peek() == ';')
            {
                break;
            }

            var word = parser.ReadIdentifier();
            if (word.Length == 0)
            {
                throw parser.Error("unexpected character");
            }

            if (word == "returns" && kind == ListKind.Function && outputs is null)
            {
                outputs = parser.ParseParameterList(0, ListKind.Function);
                continue;
            }

            modifiers.Add(word);
        }

        if (!parser.AtEnd)
        {
            parser._pos++;
        }

        parser.ExpectEnd();
        return new ParsedSignature(name, inputs, outputs ?? Array.Empty<AbiParameter>(), modifiers);
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek() => _text[_pos];

    private AbiType ParseType(int depth)
    {
        if (depth >= AbiType.MaxDepth)
        {
            throw Error($"types nest deeper than {AbiType.MaxDepth} levels");
        }

        SkipWhitespace();
        AbiType type;
        var save = _pos;
        var word = ReadIdentifier();
        if (word.Length == 0 || word == "tuple")
        {
            SkipWhitespace();
            if (AtEnd || Peek() != '(')
            {
                _pos = save;
                throw Error("expected a type");
            }

            type = Build(() => new TupleType(ParseParameterList(depth + 1, ListKind.Components)));
        }
        else
        {
            type = Elementary(word, save);
            if (type is AddressType)
            {
                // Solidity's "address payable" has the same ABI type as address.
                SkipWhitespace();
                var beforeModifier = _pos;
                if (ReadIdentifier() != "payable")
                {
                    _pos = beforeModifier;
                }
            }
        }

        while (true)
        {
            SkipWhitespace();
            if (AtEnd || Peek() != '[')
            {
                return type;
            }

            _pos++;
            SkipWhitespace();
            var element = type;
            if (!AtEnd && Peek() == ']')
            {
                _pos++;
                type = Build(() => new ArrayType(element));
                continue;
            }

            var length = ReadNumber(9);
            SkipWhitespace();
            Expect(']');
            type = Build(() => new FixedArrayType(element, length));
        }
    }

    private List<AbiParameter> ParseParameterList(int depth, ListKind kind)
    {
        SkipWhitespace();
        Expect('(');
        var parameters = new List<AbiParameter>();
        SkipWhitespace();
        if (!AtEnd && Peek() == ')')
        {
            _pos++;
            return parameters;
        }

        while (true)
        {
            parameters.Add(ParseParameter(depth, kind));
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("unterminated parameter list");
            }

            var c = Peek();
            _pos++;
            if (c == ')')
            {
                return parameters;
            }

            if (c != ',')
            {
                _pos--;
                throw Error("expected ',' or ')'");
            }
        }
    }

    private AbiParameter ParseParameter(int depth, ListKind kind)
    {
        var type = ParseType(depth);
        var indexed = false;
        string? name = null;
        while (true)
        {
            SkipWhitespace();
            var save = _pos;
            var word = ReadIdentifier();
            if (word.Length == 0)
            {
                return new AbiParameter(type, name, indexed);
            }

            if (name is not null)
            {
                _pos = save;
                throw Error("unexpected word after the parameter name");
            }

            switch (word)
            {
                case "indexed" when kind == ListKind.Event && !indexed:
                    indexed = true;
                    break;
                case "memory" or "calldata" or "storage" when kind != ListKind.Event:
                    break;
                default:
                    if (char.IsAsciiDigit(word[0]))
                    {
                        _pos = save;
                        throw Error("a name cannot start with a digit");
                    }

                    name = word;
                    break;
            }
        }
    }

    private AbiType Elementary(string word, int at)
    {
        switch (word)
        {
            case "uint":
                return new UIntType(256);
            case "int":
                return new IntType(256);
            case "address":
                return AbiType.Address;
            case "bool":
                return AbiType.Bool;
            case "string":
                return AbiType.String;
            case "bytes":
                return AbiType.Bytes;
            case "byte":
                return new FixedBytesType(1);
            case "function":
                return new FunctionType();
            case "fixed":
                return new FixedPointType(true, 128, 18);
            case "ufixed":
                return new FixedPointType(false, 128, 18);
        }

        if (TrySuffix(word, "uint", out var m) && IsIntegerWidth(m))
        {
            return new UIntType(m);
        }

        if (TrySuffix(word, "int", out m) && IsIntegerWidth(m))
        {
            return new IntType(m);
        }

        if (TrySuffix(word, "bytes", out m) && m is >= 1 and <= 32)
        {
            return new FixedBytesType(m);
        }

        var signed = word.StartsWith("fixed", StringComparison.Ordinal);
        if (signed || word.StartsWith("ufixed", StringComparison.Ordinal))
        {
            var rest = word.AsSpan(signed ? 5 : 6);
            var x = rest.IndexOf('x');
            if (x > 0 && TryDigits(rest[..x], out var bits) && TryDigits(rest[(x + 1)..], out var decimals)
                && IsIntegerWidth(bits) && decimals is >= 1 and <= 80)
            {
                return new FixedPointType(signed, bits, decimals);
            }
        }

        _pos = at;
        throw Error($"unknown or malformed type '{word}'");
    }

    private static bool IsIntegerWidth(int bits) => bits is >= 8 and <= 256 && bits % 8 == 0;

    private static bool TrySuffix(string word, string prefix, out int value)
    {
        value = 0;
        return word.StartsWith(prefix, StringComparison.Ordinal) && TryDigits(word.AsSpan(prefix.Length), out value);
    }

    // Canonical decimal: no sign, no leading zero, at most 3 digits (every width fits).
    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.Length is 0 or > 3 || (digits[0] == '0') || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        value = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private int ReadNumber(int maxDigits)
    {
        var start = _pos;
        while (!AtEnd && char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        var digits = _text.AsSpan(start, _pos - start);
        if (digits.Length == 0 || digits.Length > maxDigits || (digits.Length > 1 && digits[0] == '0'))
        {
            _pos = start;
            throw Error("expected an array length");
        }

        return int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek()) || Peek() is '_' or '$'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek()))
        {
            _pos++;
        }
    }

    private void Expect(char c)
    {
        if (AtEnd || Peek() != c)
        {
            throw Error($"expected '{c}'");
        }

        _pos++;
    }

    private void ExpectEnd()
    {
        SkipWhitespace();
        if (!AtEnd)
        {
            throw Error("unexpected trailing text");
        }
    }

    // Constructors reject oversized or too-deep types with ArgumentException; to callers of Parse that is bad input.
    private AbiType Build(Func<AbiType> create)
    {
        var at = _pos;
        try
        {
            return create();
        }
        catch (ArgumentException ex)
        {
            _pos = at;
            throw Error(ex.Message);
        }
    }

    private AbiException Error(string what)
    {
        var shown = _text.Length > 120 ? string.Concat(_text.AsSpan(0, 120), "…") : _text;
        return new AbiException($"Invalid ABI text at position {_pos}: {what} in \"{shown}\".");
    }
}

/// <summary>The parts of a parsed signature before they are checked by the function, event or error class.</summary>
internal sealed record ParsedSignature(
    string Name,
    IReadOnlyList<AbiParameter> Inputs,
    IReadOnlyList<AbiParameter> Outputs,
    IReadOnlyList<string> Modifiers);
