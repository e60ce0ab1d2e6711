using Hemi.Crypto;
using Hemi.Ethereum;

namespace Hemi.Protocol.L2.State;

/// <summary>One native predeploy: its name, address and marker code.</summary>
public sealed class NativeContract
{
    private readonly byte[] _code;

    internal NativeContract(string name, Address address)
    {
        Name = name;
        Address = address;
        _code = NativeContracts.MarkerCode(name);
        CodeHash = new Hash32(Keccak256.Hash(_code));
    }

    public string Name { get; }

    public Address Address { get; }

    /// <summary>A copy of the marker code.</summary>
    public byte[] Code => (byte[])_code.Clone();

    public Hash32 CodeHash { get; }
}
