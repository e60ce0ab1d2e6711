namespace Hemi.Ethereum.Abi;

/// <summary>The codes Solidity passes to <c>Panic(uint256)</c>.</summary>
public enum PanicCode
{
    /// <summary>Generic compiler-inserted panic.</summary>
    Generic = 0x00,

    /// <summary><c>assert</c> failed.</summary>
    AssertionFailed = 0x01,

    /// <summary>Checked arithmetic overflowed or underflowed.</summary>
    ArithmeticOverflow = 0x11,

    /// <summary>Division or modulo by zero.</summary>
    DivisionByZero = 0x12,

    /// <summary>Conversion of an out-of-range value to an enum.</summary>
    InvalidEnumValue = 0x21,

    /// <summary>An incorrectly encoded storage byte array was accessed.</summary>
    InvalidStorageByteArray = 0x22,

    /// <summary><c>.pop()</c> on an empty array.</summary>
    EmptyArrayPop = 0x31,

    /// <summary>Array index out of bounds.</summary>
    ArrayIndexOutOfBounds = 0x32,

    /// <summary>Too much memory allocated or an array too large.</summary>
    OutOfMemory = 0x41,

    /// <summary>Call through a zero-initialised internal function variable.</summary>
    UninitializedFunction = 0x51,
}
