using System.Buffers.Binary;
using System.CommandLine;
using System.Diagnostics;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Headers;
using Hemi.Crypto;

namespace Hemi.Cli.Commands;

/// <summary><c>hemictl headers validate FILE</c>: validates a header chain from the network's genesis.</summary>
internal static class HeadersCommand
{
    // 1,000,000 headers = 80 MB: more than Bitcoin mainnet has, and a bound on what we read.
    private const long MaxHeaderFileBytes = 4 + 1_000_000L * BlockHeader.Size * 2;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "headers after genesis: raw 80-byte headers, heminetwork's count-prefixed .bin, or hex lines",
        };
        var network = new Option<string>("--network") { Description = "main, test, testnet4, signet or regtest", DefaultValueFactory = _ => "main" };
        var validate = new Command("validate", "validate a header chain (linkage, proof of work, retargets, median-time-past)");
        validate.Arguments.Add(file);
        validate.Options.Add(network);
        validate.SetAction(result => CommandRunner.Run(() => Validate(result.GetValue(file)!, result.GetValue(network)!, Console.Out)));

        var headers = new Command("headers", "Bitcoin block headers");
        headers.Subcommands.Add(validate);
        return headers;
    }

    public static void Validate(FileInfo file, string networkName, TextWriter output)
    {
        if (!Network.TryGetByName(networkName, out var network))
        {
            throw new CliException($"unknown network '{networkName}' (main, test, testnet4, signet, regtest)");
        }

        var raw = ReadHeaders(file);
        var count = raw.Length / BlockHeader.Size;
        var tree = new HeaderTree(network, TimeProvider.System, count + 16);

        var stopwatch = Stopwatch.StartNew();
        var error = tree.TryAddHeaders(raw, out _, out var accepted);
        stopwatch.Stop();

        var perSecond = accepted / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9);
        output.WriteLine(
            $"{network.Name}: {accepted:N0} of {count:N0} headers validated from genesis in {stopwatch.Elapsed.TotalMilliseconds:F1} ms ({perSecond:N0} headers/s)");
        output.WriteLine($"  tip height {tree.Height}, hash {tree.Tip.Hash}, chainwork 0x{tree.Tip.ChainWork}");

        var retargets = 0;
        var previousBits = network.GenesisHeader.Bits;
        for (var height = 1; height <= tree.Height; height++)
        {
            var bits = tree.GetBestChainHeader(height)!.Bits;
            if (bits != previousBits)
            {
                if (retargets < 5)
                {
                    output.WriteLine($"  difficulty change at {height}: 0x{previousBits:x8} -> 0x{bits:x8}");
                }

                retargets++;
            }

            previousBits = bits;
        }

        if (retargets > 5)
        {
            output.WriteLine($"  … {retargets - 5} more difficulty changes");
        }

        if (error != HeaderValidationError.None)
        {
            var failed = raw.AsSpan(accepted * BlockHeader.Size, BlockHeader.Size);
            throw new CliException($"header {accepted + 1} ({Hash256.DoubleSha256(failed)}) rejected: {error}");
        }
    }

    private static byte[] ReadHeaders(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliException($"file not found: {file.FullName}");
        }

        if (file.Length > MaxHeaderFileBytes)
        {
            throw new CliException($"{file.Name} is {file.Length} bytes; at most {MaxHeaderFileBytes} are read");
        }

        var bytes = File.ReadAllBytes(file.FullName);

        // heminetwork's testdata format: a little-endian count, then count × 80 bytes.
        if (bytes.Length >= 4 && (bytes.Length - 4) % BlockHeader.Size == 0
            && BinaryPrimitives.ReadUInt32LittleEndian(bytes) == (uint)((bytes.Length - 4) / BlockHeader.Size))
        {
            return bytes[4..];
        }

        if (bytes.Length % BlockHeader.Size == 0 && bytes.Any(b => b is not ((byte)'\n' or (byte)'\r') && !Uri.IsHexDigit((char)b)))
        {
            return bytes;
        }

        // Hex text, one header per line (lines that are not 160 hex characters, such as comments, are refused).
        var lines = System.Text.Encoding.ASCII.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var headers = new byte[lines.Length * BlockHeader.Size];
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length != BlockHeader.Size * 2)
            {
                throw new CliException($"line {i + 1} of {file.Name} is not a 160-character hex header");
            }

            Hex.Decode(lines[i]).CopyTo(headers, i * BlockHeader.Size);
        }

        return headers;
    }
}
