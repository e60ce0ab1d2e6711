using System.Runtime.CompilerServices;

namespace Hemi.Crypto;

/// <summary>The 25-lane Keccak state, inline so it can live on the stack or in a field without an extra array.</summary>
[InlineArray(25)]
internal struct KeccakState
{
    private ulong _lane;
}
