using System.Runtime.InteropServices;

namespace Hemi.Crypto.Secp256k1.Interop;

/// <summary>Finds the libsecp256k1 shared object by its versioned file name (no unversioned symlink is assumed).</summary>
internal static class Secp256k1Library
{
    /// <summary>Tried in order; the Debian runtime package ships only the versioned <c>.so.1</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultCandidates =
        ["libsecp256k1.so.1", "libsecp256k1.so.2", "libsecp256k1.so", "libsecp256k1.dylib", "libsecp256k1-1.dll", "secp256k1.dll"];

    /// <summary>Loads the first candidate that exists, or throws <see cref="Secp256k1NotFoundException"/>.</summary>
    public static nint Load(IEnumerable<string> candidates)
    {
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }

        throw new Secp256k1NotFoundException();
    }
}
