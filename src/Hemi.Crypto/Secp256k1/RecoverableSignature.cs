namespace Hemi.Crypto.Secp256k1;

/// <summary>A compact ECDSA signature (r‖s, 64 bytes) with the recovery id (0..3) that identifies the public key.</summary>
public readonly record struct RecoverableSignature(byte[] Compact64, int RecoveryId);
