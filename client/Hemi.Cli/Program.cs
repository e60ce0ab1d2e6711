using System.CommandLine;
using Hemi.Cli.Commands;

namespace Hemi.Cli;

/// <summary><c>hemictl</c>: offline tools over Hemi's data formats (and, later, the node's client).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("hemictl — Hemi.Orleans command-line tools");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(HeadersCommand.Create());
        root.Subcommands.Add(PopCommand.Create());
        root.Subcommands.Add(KeystoneCommand.Create());
        return root.Parse(args).Invoke();
    }
}
