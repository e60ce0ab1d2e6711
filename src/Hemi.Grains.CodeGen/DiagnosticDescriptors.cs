using Microsoft.CodeAnalysis;

namespace Hemi.Grains.CodeGen
{
    /// <summary>Errors reported for grain interfaces the runtime cannot call.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Hemi.Grains";

        public static readonly DiagnosticDescriptor InvalidReturnType = new DiagnosticDescriptor(
            "HGR001", "Grain method must return Task, Task<T>, ValueTask or ValueTask<T>",
            "Grain method '{0}.{1}' returns '{2}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor GenericInterface = new DiagnosticDescriptor(
            "HGR002", "Generic grain interfaces are not supported",
            "Grain interface '{0}' is generic; generic grain interfaces are not supported yet (generic methods are)",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor ByRefParameter = new DiagnosticDescriptor(
            "HGR003", "Grain method parameters cannot be ref, out or in",
            "Parameter '{2}' of grain method '{0}.{1}' is passed by reference; grain calls copy their arguments",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor OneWayWithResult = new DiagnosticDescriptor(
            "HGR004", "[OneWay] methods must return Task or ValueTask",
            "Grain method '{0}.{1}' is [OneWay] but returns a value; one-way calls have no response",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NonMethodMember = new DiagnosticDescriptor(
            "HGR005", "Grain interfaces may only declare methods",
            "Grain interface '{0}' declares '{1}', which is not a method; grain interfaces may only declare methods",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
