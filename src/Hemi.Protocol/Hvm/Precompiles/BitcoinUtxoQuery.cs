using System.Buffers.Binary;
using System.Text;

namespace Hemi.Protocol.Hvm.Precompiles;

/// <summary>
/// The input of <c>btcUtxosAddrList</c> (0x41): the ASCII address, then page (uint24, big-endian) and page size
/// (uint8, 0 meaning 10). Entries skipped = page × effective page size.
/// </summary>
public sealed record BitcoinUtxoQuery
{
    /// <summary>Page size used when the input says 0.</summary>
    public const int DefaultPageSize = 10;

    /// <summary>The largest page number a uint24 holds.</summary>
    public const uint MaxPage = 0xFF_FFFF;

    public BitcoinUtxoQuery(string address, uint page, byte pageSize)
    {
        BitcoinAddressText.Validate(address);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page, MaxPage);
        Address = address;
        Page = page;
        PageSize = pageSize;
    }

    public string Address { get; }

    public uint Page { get; }

    /// <summary>The page size as encoded (0 means <see cref="DefaultPageSize"/>).</summary>
    public byte PageSize { get; }

    public int EffectivePageSize => PageSize == 0 ? DefaultPageSize : PageSize;

    /// <summary>How many entries the page skips.</summary>
    public ulong Skip => (ulong)Page * (ulong)EffectivePageSize;

    public byte[] Encode()
    {
        var bytes = new byte[Address.Length + 4];
        Encoding.ASCII.GetBytes(Address, bytes);
        var tail = bytes.AsSpan(Address.Length);
        tail[0] = (byte)(Page >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(tail[1..], (ushort)Page);
        tail[3] = PageSize;
        return bytes;
    }

    /// <exception cref="HvmFormatException">Too short or long, or the address part is not a printable ASCII address.</exception>
    public static BitcoinUtxoQuery Decode(ReadOnlySpan<byte> input)
    {
        if (input.Length < BitcoinAddressText.MinLength + 4 || input.Length > BitcoinAddressText.MaxLength + 4)
        {
            throw new HvmFormatException(
                $"btcUtxosAddrList takes an address of {BitcoinAddressText.MinLength}–{BitcoinAddressText.MaxLength} ASCII bytes plus 4 paging bytes, got {input.Length} bytes.");
        }

        var address = BitcoinAddressText.Read(input[..^4]);
        var tail = input[^4..];
        var page = ((uint)tail[0] << 16) | BinaryPrimitives.ReadUInt16BigEndian(tail[1..]);
        return new BitcoinUtxoQuery(address, page, tail[3]);
    }
}
