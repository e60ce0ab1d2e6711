using System.Runtime.InteropServices;

namespace Hemi.Crypto.Secp256k1.Interop;

/// <summary>
/// Raw libsecp256k1 entry points. Every argument is a pointer or integer so the source generator emits no marshalling;
/// the opaque structs are plain byte buffers of the sizes below (their layout is private to the library).
/// </summary>
internal static unsafe partial class Secp256k1Native
{
    /// <summary>Logical name resolved by <see cref="Secp256k1Context"/>'s import resolver to libsecp256k1.so.1.</summary>
    public const string LibraryName = "secp256k1";

    public const int PublicKeySize = 64;
    public const int SignatureSize = 64;
    public const int RecoverableSignatureSize = 65;
    public const int XOnlyPublicKeySize = 64;
    public const int KeyPairSize = 96;

    public const uint ContextNone = 1;
    public const uint EcCompressed = (1 << 1) | (1 << 8);
    public const uint EcUncompressed = 1 << 1;

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_context_create")]
    public static partial nint ContextCreate(uint flags);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_context_randomize")]
    public static partial int ContextRandomize(nint ctx, byte* seed32);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_context_set_illegal_callback")]
    public static partial void ContextSetIllegalCallback(nint ctx, delegate* unmanaged<byte*, void*, void> callback, void* data);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ec_pubkey_parse")]
    public static partial int EcPubkeyParse(nint ctx, byte* pubkey, byte* input, nuint inputLength);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ec_pubkey_serialize")]
    public static partial int EcPubkeySerialize(nint ctx, byte* output, nuint* outputLength, byte* pubkey, uint flags);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ec_pubkey_create")]
    public static partial int EcPubkeyCreate(nint ctx, byte* pubkey, byte* seckey);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ec_seckey_verify")]
    public static partial int EcSeckeyVerify(nint ctx, byte* seckey);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_signature_parse_compact")]
    public static partial int EcdsaSignatureParseCompact(nint ctx, byte* sig, byte* input64);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_signature_parse_der")]
    public static partial int EcdsaSignatureParseDer(nint ctx, byte* sig, byte* input, nuint inputLength);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_signature_serialize_der")]
    public static partial int EcdsaSignatureSerializeDer(nint ctx, byte* output, nuint* outputLength, byte* sig);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_signature_serialize_compact")]
    public static partial int EcdsaSignatureSerializeCompact(nint ctx, byte* output64, byte* sig);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_signature_normalize")]
    public static partial int EcdsaSignatureNormalize(nint ctx, byte* sigOut, byte* sigIn);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_verify")]
    public static partial int EcdsaVerify(nint ctx, byte* sig, byte* msgHash32, byte* pubkey);

    /// <summary>noncefp = 0 selects RFC6979; ndata (32 bytes or null) is RFC6979's extra entropy.</summary>
    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_sign")]
    public static partial int EcdsaSign(nint ctx, byte* sig, byte* msgHash32, byte* seckey, nint nonceFunction, byte* nonceData);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_recoverable_signature_parse_compact")]
    public static partial int EcdsaRecoverableSignatureParseCompact(nint ctx, byte* sig, byte* input64, int recoveryId);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_recoverable_signature_serialize_compact")]
    public static partial int EcdsaRecoverableSignatureSerializeCompact(nint ctx, byte* output64, int* recoveryId, byte* sig);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_sign_recoverable")]
    public static partial int EcdsaSignRecoverable(nint ctx, byte* sig, byte* msgHash32, byte* seckey, nint nonceFunction, byte* nonceData);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_ecdsa_recover")]
    public static partial int EcdsaRecover(nint ctx, byte* pubkey, byte* sig, byte* msgHash32);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_xonly_pubkey_parse")]
    public static partial int XOnlyPubkeyParse(nint ctx, byte* pubkey, byte* input32);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_xonly_pubkey_serialize")]
    public static partial int XOnlyPubkeySerialize(nint ctx, byte* output32, byte* pubkey);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_xonly_pubkey_from_pubkey")]
    public static partial int XOnlyPubkeyFromPubkey(nint ctx, byte* xonly, int* parity, byte* pubkey);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_xonly_pubkey_tweak_add")]
    public static partial int XOnlyPubkeyTweakAdd(nint ctx, byte* outputPubkey, byte* internalXOnly, byte* tweak32);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_keypair_create")]
    public static partial int KeyPairCreate(nint ctx, byte* keypair, byte* seckey);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_keypair_sec")]
    public static partial int KeyPairSec(nint ctx, byte* seckey, byte* keypair);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_keypair_xonly_tweak_add")]
    public static partial int KeyPairXOnlyTweakAdd(nint ctx, byte* keypair, byte* tweak32);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_schnorrsig_sign_custom")]
    public static partial int SchnorrSigSignCustom(nint ctx, byte* sig64, byte* msg, nuint msgLength, byte* keypair, SchnorrSigExtraParams* extraParams);

    [LibraryImport(LibraryName, EntryPoint = "secp256k1_schnorrsig_verify")]
    public static partial int SchnorrSigVerify(nint ctx, byte* sig64, byte* msg, nuint msgLength, byte* xonlyPubkey);

    /// <summary>secp256k1_schnorrsig_extraparams: magic {0xda,0x6f,0xb3,0x8c}, nonce function (null = BIP340), nonce data (aux_rand32).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SchnorrSigExtraParams
    {
        public uint Magic;
        public nint NonceFunction;
        public byte* NonceData;

        public static SchnorrSigExtraParams Create(byte* auxRand32) => new()
        {
            // The magic bytes in memory order; little-endian uint of da 6f b3 8c.
            Magic = BitConverter.IsLittleEndian ? 0x8CB36FDAu : 0xDA6FB38Cu,
            NonceFunction = 0,
            NonceData = auxRand32,
        };
    }
}
