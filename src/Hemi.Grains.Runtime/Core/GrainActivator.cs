using System.Collections.Concurrent;
using System.Reflection;
using Hemi.Grains.Runtime.Metadata;
using Hemi.Grains.Runtime.Persistence;
using Hemi.Grains.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Core;

/// <summary>
/// Creates grain instances through their constructor, injecting services from DI and binding
/// <see cref="PersistentStateAttribute"/> parameters. The constructor plan is built once per class; creating an
/// activation then costs one reflective constructor call (never per grain call).
/// </summary>
internal sealed class GrainActivator(IServiceProvider services)
{
    private static readonly MethodInfo CreateStateMethod = typeof(GrainActivator).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;
    private readonly ConcurrentDictionary<Type, Func<ActivationData, object>> _factories = new();

    public object CreateInstance(ActivationData activation)
    {
        var factory = _factories.GetOrAdd(activation.GrainClass.ClassType, static (type, self) => self.BuildFactory(type), this);
        var instance = factory(activation);
        if (instance is Grain grain)
        {
            grain.Initialize(activation);
        }

        return instance;
    }

    private static object CreateState<TState>(string stateName, string storageName, ActivationData activation)
    {
        var storage = activation.ActivationServices.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException($"No IGrainStorage named '{storageName}' is registered (needed by {activation.GrainId}).");
        return new PersistentState<TState>(stateName, storage, activation);
    }

    private Func<ActivationData, object> BuildFactory(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {type} has no public constructor.");
        var parameters = constructor.GetParameters();
        var binders = new Func<ActivationData, object?>[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var parameterType = parameter.ParameterType;
            if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } stateAttribute)
            {
                if (!parameterType.IsGenericType || parameterType.GetGenericTypeDefinition() != typeof(IPersistentState<>))
                {
                    throw new InvalidOperationException($"[PersistentState] parameter '{parameter.Name}' of {type} must be an IPersistentState<T>.");
                }

                var create = CreateStateMethod.MakeGenericMethod(parameterType.GetGenericArguments()[0])
                    .CreateDelegate<Func<string, string, ActivationData, object>>();
                string stateName = stateAttribute.StateName;
                string storageName = stateAttribute.StorageName ?? "Default";
                binders[i] = activation => create(stateName, storageName, activation);
            }
            else if (parameterType == typeof(IGrainContext))
            {
                binders[i] = activation => activation;
            }
            else
            {
                binders[i] = _ => services.GetService(parameterType)
                    ?? (parameter.HasDefaultValue ? parameter.DefaultValue : throw new InvalidOperationException(
                        $"Cannot create {type}: no service of type {parameterType} for parameter '{parameter.Name}'."));
            }
        }

        return activation =>
        {
            var args = new object?[binders.Length];
            for (int i = 0; i < binders.Length; i++)
            {
                args[i] = binders[i](activation);
            }

            try
            {
                return constructor.Invoke(args);
            }
            catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(invocation.InnerException);
                throw;
            }
        };
    }
}
