using System.Text;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Protocol.Chain;

namespace Hemi.Protocol.L2.State;

/// <summary>
/// The predeploys the native engine implements in C#. Each gets a deterministic marker as its account code so
/// <c>eth_getCode</c> is non-empty and the code hash is stable: <c>0xFE ‖ ascii("hemi.native:" + name)</c>.
/// The leading 0xFE (INVALID) makes a future real EVM halt instead of running the marker as code.
/// </summary>
public static class NativeContracts
{
    /// <summary>The hVM state contract that receives <c>updateHvmState</c>.</summary>
    public static NativeContract HvmState { get; } = new("HvmState", SystemAddresses.HvmState);

    /// <summary>The governance token that PoP payouts mint.</summary>
    public static NativeContract GovernanceToken { get; } = new("GovernanceToken", SystemAddresses.GovernanceToken);

    /// <summary>All native contracts at fixed addresses, in a fixed order.</summary>
    public static IReadOnlyList<NativeContract> All { get; } = [HvmState, GovernanceToken];

    /// <summary>The marker name of the hemiBTC token, whose address is a deployment parameter (see <see cref="NativeErc20.HemiBtc"/>).</summary>
    public const string HemiBtcName = "hemiBTC";

    // Markers recognised by code hash even after a state is reopened from its node store.
    private static readonly byte[][] s_knownMarkers = [.. All.Select(c => c.Code), MarkerCode(HemiBtcName)];

    /// <summary>The marker code of the contract named <paramref name="name"/>.</summary>
    public static byte[] MarkerCode(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return [0xFE, .. Encoding.ASCII.GetBytes("hemi.native:" + name)];
    }

    /// <summary>The native contract deployed at <paramref name="address"/>, if any.</summary>
    public static NativeContract? At(Address address)
    {
        foreach (var contract in All)
        {
            if (contract.Address == address)
            {
                return contract;
            }
        }

        return null;
    }

    /// <summary>The marker code whose keccak is <paramref name="codeHash"/>, if it is one of ours.</summary>
    public static byte[]? CodeByHash(Hash32 codeHash)
    {
        foreach (var marker in s_knownMarkers)
        {
            if (new Hash32(Keccak256.Hash(marker)) == codeHash)
            {
                return (byte[])marker.Clone();
            }
        }

        return null;
    }

    /// <summary>Installs every native contract's marker code (genesis).</summary>
    public static void Install(WorldState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var contract in All)
        {
            state.SetCode(contract.Address, contract.Code);
        }
    }
}
