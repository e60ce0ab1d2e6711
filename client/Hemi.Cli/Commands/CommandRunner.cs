namespace Hemi.Cli.Commands;

/// <summary>Runs a command body, turning expected failures into one line on stderr and exit code 1.</summary>
internal static class CommandRunner
{
    public static int Run(Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"hemictl: {e.Message}");
            return 1;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"hemictl: invalid input: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"hemictl: {e.Message}");
            return 1;
        }
    }
}
