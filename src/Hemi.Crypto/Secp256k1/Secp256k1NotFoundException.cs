namespace Hemi.Crypto.Secp256k1;

/// <summary>The native libsecp256k1 library could not be loaded.</summary>
public sealed class Secp256k1NotFoundException : Exception
{
    public const string DefaultMessage =
        "libsecp256k1.so.1 not found: install it with `apt-get install libsecp256k1-1` (Debian/Ubuntu)";

    public Secp256k1NotFoundException()
        : base(DefaultMessage)
    {
    }

    public Secp256k1NotFoundException(string message)
        : base(message)
    {
    }

    public Secp256k1NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
