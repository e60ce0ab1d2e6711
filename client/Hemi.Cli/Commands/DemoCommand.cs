using System.CommandLine;

namespace Hemi.Cli.Commands;

/// <summary>
/// <c>hemictl demo</c>: the run command's job until the node exists — validates the real mainnet headers and
/// lists the PoP keystones in the real Hemi testnet3 block, from the shared vectors.
/// </summary>
internal static class DemoCommand
{
    private const string MainnetHeaders = "hemi/mainnet_headers.bin";
    private const string PopBlock = "hemi/0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8.hex";

    public static Command Create()
    {
        var vectors = new Option<string?>("--vectors") { Description = "the shared vectors folder (default: ../shared/vectors or $HEMI_VECTORS)" };
        var demo = new Command("demo", "validate real mainnet headers and scan a real Hemi PoP block");
        demo.Options.Add(vectors);
        demo.SetAction(result => CommandRunner.Run(() => Run(result.GetValue(vectors), Console.Out)));
        return demo;
    }

    public static void Run(string? vectorsPath, TextWriter output)
    {
        var vectors = InputFiles.FindVectors(vectorsPath)
            ?? throw new CliException("shared vectors not found: pass --vectors DIR or set HEMI_VECTORS");

        output.WriteLine($"Hemi.Orleans — what exists today (data: {vectors})");
        output.WriteLine();
        output.WriteLine("1. Bitcoin header chain: real mainnet headers 1..32260 validated from genesis");
        output.WriteLine("   (linkage, proof of work, 2016-block retargets, median-time-past, future-time limit)");
        HeadersCommand.Validate(new FileInfo(Path.Combine(vectors, MainnetHeaders)), "main", output);
        output.WriteLine();
        output.WriteLine("2. Proof-of-Proof: Hemi keystones published in real testnet3 block 3802508");
        PopCommand.Scan(new FileInfo(Path.Combine(vectors, PopBlock)), 10, output);
    }
}
