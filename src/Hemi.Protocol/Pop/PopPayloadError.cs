namespace Hemi.Protocol.Pop;

/// <summary>Why a script or payload is not a Hemi PoP publication.</summary>
public enum PopPayloadError
{
    None = 0,
    Empty,
    NotOpReturn,
    MissingPush,
    MalformedPush,
    PayloadTooShort,
    WrongMagic,
    InvalidKeystoneLength,
    UnsupportedKeystoneVersion,
}
