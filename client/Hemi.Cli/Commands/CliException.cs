namespace Hemi.Cli.Commands;

/// <summary>A user-facing failure: printed as one line, exit code 1.</summary>
internal sealed class CliException(string message) : Exception(message);
