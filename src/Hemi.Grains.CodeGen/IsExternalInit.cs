namespace System.Runtime.CompilerServices
{
    // netstandard2.0 lacks this type; records and init accessors need it.
    internal static class IsExternalInit
    {
    }
}
