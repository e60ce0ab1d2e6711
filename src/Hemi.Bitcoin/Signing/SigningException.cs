namespace Hemi.Bitcoin.Signing;

/// <summary>A signature hash or signature cannot be produced (invalid hash type, missing spent output, unsupported script, wrong key).</summary>
public sealed class SigningException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SigningException(string message)
        : base(message)
    {
    }
}
