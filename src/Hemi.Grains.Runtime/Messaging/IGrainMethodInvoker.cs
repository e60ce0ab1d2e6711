namespace Hemi.Grains.Runtime.Messaging;

/// <summary>Generated per grain interface: switches on <see cref="Message.MethodId"/> and calls the grain method.</summary>
public interface IGrainMethodInvoker
{
    /// <summary>The grain interface this invoker serves.</summary>
    Type InterfaceType { get; }

    /// <summary>Invokes the request's method on <paramref name="grain"/>; completes when the method does.</summary>
    ValueTask Invoke(object grain, Message request);

    /// <summary>
    /// An empty request for method <paramref name="methodId"/>, to be filled by <see cref="Message.ReadArguments"/>
    /// (remote calls); null for unknown ids and generic methods, which are local-only.
    /// </summary>
    Message? CreateRequest(int methodId) => null;
}
