namespace Hemi.Crypto;

/// <summary>Incremental Keccak-256; the result equals <see cref="Keccak256.Hash(ReadOnlySpan{byte})"/> of the concatenated input.</summary>
public sealed class Keccak256Hasher
{
    private const int Rate = KeccakF1600.Rate256;

    private readonly byte[] _buffer = new byte[Rate];
    private KeccakState _state;
    private int _buffered;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_buffered > 0)
        {
            var take = Math.Min(Rate - _buffered, data.Length);
            data[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            data = data[take..];
            if (_buffered < Rate)
            {
                return;
            }

            KeccakF1600.AbsorbBlock(ref _state, _buffer, Rate);
            KeccakF1600.Permute(ref _state);
            _buffered = 0;
        }

        while (data.Length >= Rate)
        {
            KeccakF1600.AbsorbBlock(ref _state, data[..Rate], Rate);
            KeccakF1600.Permute(ref _state);
            data = data[Rate..];
        }

        data.CopyTo(_buffer);
        _buffered = data.Length;
    }

    public void GetHashAndReset(Span<byte> destination)
    {
        if (destination.Length < Keccak256.HashSize)
        {
            throw new ArgumentException($"Destination must be at least {Keccak256.HashSize} bytes.", nameof(destination));
        }

        Keccak256.Finish(ref _state, _buffer.AsSpan(0, _buffered), destination);
        _state = default;
        _buffered = 0;
    }

    public byte[] GetHashAndReset()
    {
        var result = new byte[Keccak256.HashSize];
        GetHashAndReset(result);
        return result;
    }
}
