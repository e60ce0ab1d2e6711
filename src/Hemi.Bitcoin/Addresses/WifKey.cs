namespace Hemi.Bitcoin.Addresses;

/// <summary>A decoded WIF private key: the 32 secret bytes and whether the public key is used compressed.</summary>
public sealed record WifKey(byte[] Secret, bool Compressed);
