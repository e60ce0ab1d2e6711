namespace Hemi.Bitcoin.Scripts;

/// <summary>Enumerates a script's operations; a truncated push raises <see cref="BitcoinFormatException"/>.</summary>
public struct ScriptOpEnumerator : IEnumerator<ScriptOp>, IEnumerable<ScriptOp>
{
    private readonly ReadOnlyMemory<byte> _script;
    private int _position;
    private ScriptOp _current;

    internal ScriptOpEnumerator(ReadOnlyMemory<byte> script)
    {
        _script = script;
        _position = 0;
        _current = default;
    }

    /// <inheritdoc/>
    public readonly ScriptOp Current => _current;

    readonly object System.Collections.IEnumerator.Current => _current;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        int start = _position;
        if (!ScriptReader.TryReadOp(_script.Span, ref _position, out var opcode, out int dataOffset, out int dataLength, out bool malformed))
        {
            if (malformed)
            {
                throw new BitcoinFormatException($"Script push at offset {start} runs past the end of the script.");
            }

            return false;
        }

        _current = new ScriptOp(opcode, _script.Slice(dataOffset, dataLength), start, _position - start);
        return true;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _position = 0;
        _current = default;
    }

    /// <inheritdoc/>
    public readonly void Dispose()
    {
    }

    /// <summary>Returns a fresh enumerator from the start of the script.</summary>
    public readonly ScriptOpEnumerator GetEnumerator() => new(_script);

    readonly IEnumerator<ScriptOp> IEnumerable<ScriptOp>.GetEnumerator() => GetEnumerator();

    readonly System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
