/*
 * Native baseline for the ECDSA verify comparison (see Crypto/NativeEcdsaComparison.cs).
 * Input file: repeated records of 33-byte compressed public key, 32-byte message hash, 64-byte compact signature.
 * Each iteration parses the compact signature and verifies it, exactly the work Ecdsa.VerifyCompact does per call
 * (public keys are parsed once up front on both sides).
 * Usage: ecdsa_verify_bench <input-file> <verifications>
 * Output: one line "verifications=<n> seconds=<s> verifications_per_second=<v> cpu_seconds=<c> verifications_per_cpu_second=<w>",
 * where the CPU figures use this thread's CPU clock, which a loaded machine disturbs far less than wall time.
 */
#include <secp256k1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RECORD_SIZE (33 + 32 + 64)
#define MAX_RECORDS 65536

static unsigned char records[MAX_RECORDS][RECORD_SIZE];
static secp256k1_pubkey pubkeys[MAX_RECORDS];

static double clock_seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s <input-file> <verifications>\n", argv[0]);
        return 2;
    }

    long total = strtol(argv[2], NULL, 10);
    FILE *file = fopen(argv[1], "rb");
    if (file == NULL || total <= 0) {
        fprintf(stderr, "cannot open input or bad count\n");
        return 2;
    }

    size_t count = fread(records, RECORD_SIZE, MAX_RECORDS, file);
    fclose(file);
    if (count == 0) {
        fprintf(stderr, "empty input\n");
        return 2;
    }

    secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    unsigned char seed[32];
    FILE *urandom = fopen("/dev/urandom", "rb");
    if (urandom == NULL || fread(seed, 1, sizeof seed, urandom) != sizeof seed) {
        fprintf(stderr, "cannot read /dev/urandom\n");
        return 2;
    }
    fclose(urandom);
    if (!secp256k1_context_randomize(ctx, seed)) {
        return 2;
    }

    for (size_t i = 0; i < count; i++) {
        if (!secp256k1_ec_pubkey_parse(ctx, &pubkeys[i], records[i], 33)) {
            fprintf(stderr, "bad public key in record %zu\n", i);
            return 3;
        }
    }

    long failures = 0;
    /* Warm-up pass over every record. */
    for (size_t i = 0; i < count; i++) {
        secp256k1_ecdsa_signature sig;
        failures += !(secp256k1_ecdsa_signature_parse_compact(ctx, &sig, records[i] + 65) &&
                      secp256k1_ecdsa_verify(ctx, &sig, records[i] + 33, &pubkeys[i]));
    }

    double start = clock_seconds(CLOCK_MONOTONIC);
    double cpu_start = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
    for (long n = 0; n < total; n++) {
        size_t i = (size_t)(n % (long)count);
        secp256k1_ecdsa_signature sig;
        failures += !(secp256k1_ecdsa_signature_parse_compact(ctx, &sig, records[i] + 65) &&
                      secp256k1_ecdsa_verify(ctx, &sig, records[i] + 33, &pubkeys[i]));
    }
    double cpu_seconds = clock_seconds(CLOCK_THREAD_CPUTIME_ID) - cpu_start;
    double seconds = clock_seconds(CLOCK_MONOTONIC) - start;

    secp256k1_context_destroy(ctx);
    if (failures != 0) {
        fprintf(stderr, "%ld verifications failed\n", failures);
        return 4;
    }

    printf("verifications=%ld seconds=%.6f verifications_per_second=%.1f cpu_seconds=%.6f verifications_per_cpu_second=%.1f\n",
           total, seconds, (double)total / seconds, cpu_seconds, (double)total / cpu_seconds);
    return 0;
}
