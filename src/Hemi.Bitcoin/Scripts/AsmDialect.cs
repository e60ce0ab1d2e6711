namespace Hemi.Bitcoin.Scripts;

/// <summary>The two ASM notations understood by <see cref="ScriptAsm"/>.</summary>
public enum AsmDialect
{
    /// <summary>
    /// Bitcoin Core's test-file notation (script_tests.json, tx_valid.json): decimal numbers are pushed as script numbers,
    /// <c>0x..</c> tokens are raw bytes inserted as-is, <c>'text'</c> pushes the characters, opcode names with or without "OP_".
    /// </summary>
    BitcoinCore,

    /// <summary>bitcoinjs-lib notation: opcode names with "OP_", pushes as bare hex (minimal single-byte pushes shown as OP_1..OP_16/OP_1NEGATE).</summary>
    BitcoinJs,
}
