using System.Collections.Immutable;
using Hemi.Grains.CodeGen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Hemi.Grains.Runtime.Tests.CodeGen;

/// <summary>Runs the generator on small compilations to check its diagnostics and output.</summary>
public sealed class GrainCodeGeneratorTests
{
    private static (ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> CompileDiagnostics, string[] Sources) Run(string source)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => MetadataReference.CreateFromFile(a.Location))
            .Append(MetadataReference.CreateFromFile(typeof(IGrain).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "GeneratorTestAssembly",
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new GrainCodeGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        return (diagnostics, output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray(),
            result.GeneratedTrees.Select(t => t.ToString()).ToArray());
    }

    [Fact]
    public void ValidInterface_GeneratesCompilingProxyInvokerAndManifest()
    {
        var (generatorDiagnostics, compileErrors, sources) = Run("""
            using System.Threading.Tasks;
            using Hemi.Grains.Runtime;
            namespace Sample;
            public interface IThing : IGrainWithStringKey
            {
                Task<int> Get();
                ValueTask Set(int value);
                Task<T> Echo<T>(T value) where T : class;
                [ReadOnly] Task<string> Name();
                [OneWay] Task Fire();
            }
            public sealed class ThingGrain : Grain, IThing
            {
                public Task<int> Get() => Task.FromResult(1);
                public ValueTask Set(int value) => default;
                public Task<T> Echo<T>(T value) where T : class => Task.FromResult(value);
                public Task<string> Name() => Task.FromResult("n");
                public Task Fire() => Task.CompletedTask;
            }
            """);
        Assert.Empty(generatorDiagnostics);
        Assert.Empty(compileErrors);
        string all = string.Join("\n", sources);
        Assert.Contains("class Proxy_Sample_IThing", all);
        Assert.Contains("class Invoker_Sample_IThing", all);
        Assert.Contains("MessageFlags.ReadOnly", all);
        Assert.Contains("MessageFlags.OneWay", all);
        Assert.Contains("builder.AddGrainClass(typeof(global::Sample.ThingGrain))", all);
        Assert.Contains("GrainManifestProvider", all);
    }

    [Theory]
    [InlineData("int Get();", "HGR001")]
    [InlineData("void Get();", "HGR001")]
    [InlineData("System.Collections.Generic.List<int> Get();", "HGR001")]
    [InlineData("Task Get(ref int value);", "HGR003")]
    [InlineData("[OneWay] Task<int> Get();", "HGR004")]
    [InlineData("int Value { get; }", "HGR005")]
    public void InvalidMembers_AreReportedAsErrors(string member, string id)
    {
        var (generatorDiagnostics, _, _) = Run($$"""
            using System.Threading.Tasks;
            using Hemi.Grains.Runtime;
            public interface IBad : IGrainWithGuidKey
            {
                {{member}}
            }
            """);
        var diagnostic = Assert.Single(generatorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void GenericGrainInterface_IsReported()
    {
        var (generatorDiagnostics, _, _) = Run("""
            using System.Threading.Tasks;
            using Hemi.Grains.Runtime;
            public interface IBox<T> : IGrainWithStringKey { Task<T> Get(); }
            """);
        Assert.Equal("HGR002", Assert.Single(generatorDiagnostics).Id);
    }
}
