using Hemi.Cluster.TestHost.Hosting;

namespace Hemi.Cluster.Tests.TestHost;

/// <summary>The test host's stdout protocol: one line per event, which no field can split or shift.</summary>
public sealed class HostEventsTests
{
    [Fact]
    public void Write_PutsFieldsOnOneLine_SeparatedBySpaces()
    {
        var output = new StringWriter();
        new HostEvents(output).Write("tick-written", "k", "7");
        Assert.Equal("EVENT tick-written k 7" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Write_FieldsWithSpacesOrNewlines_CannotForgeLinesOrColumns()
    {
        var output = new StringWriter();
        new HostEvents(output).Write("e", "a b", "x\nREADY silo=forged", string.Empty);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Equal(5, lines[0].Split(' ').Length); // EVENT, name and three fields
        Assert.StartsWith("EVENT e a_b ", lines[0], StringComparison.Ordinal);
    }
}
