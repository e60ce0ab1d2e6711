using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Hemi.Crypto.Secp256k1.Interop;

/// <summary>
/// The one process-wide libsecp256k1 context. It is created and randomized once, then never mutated, which is what
/// makes concurrent signing and verification on it safe. It lives for the whole process and is never destroyed.
/// </summary>
internal static unsafe class Secp256k1Context
{
    // ExecutionAndPublication caches a failure too, so a missing library surfaces as the same exception every time.
    private static readonly Lazy<nint> s_context = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static nint Handle => s_context.Value;

    private static nint Create()
    {
        var library = Secp256k1Library.Load(Secp256k1Library.DefaultCandidates);
        NativeLibrary.SetDllImportResolver(
            typeof(Secp256k1Context).Assembly,
            (name, _, _) => name == Secp256k1Native.LibraryName ? library : 0);

        nint context;
        try
        {
            context = Secp256k1Native.ContextCreate(Secp256k1Native.ContextNone);
        }
        catch (EntryPointNotFoundException e)
        {
            throw new Secp256k1NotFoundException("libsecp256k1 was found but lacks required entry points (need 0.2+ with recovery, extrakeys and schnorrsig).", e);
        }

        if (context == 0)
        {
            throw new CryptographicException("secp256k1_context_create failed.");
        }

        // The default illegal-argument callback aborts the process; a no-op makes the call return 0 instead,
        // so a bug in argument checking here can never take the node down.
        Secp256k1Native.ContextSetIllegalCallback(context, &IgnoreIllegalArgument, null);

        // Randomization blinds the signing computations against side channels.
        Span<byte> seed = stackalloc byte[32];
        RandomNumberGenerator.Fill(seed);
        try
        {
            fixed (byte* seedPtr = seed)
            {
                if (Secp256k1Native.ContextRandomize(context, seedPtr) != 1)
                {
                    throw new CryptographicException("secp256k1_context_randomize failed.");
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }

        return context;
    }

    [UnmanagedCallersOnly]
    private static void IgnoreIllegalArgument(byte* message, void* data)
    {
    }
}
