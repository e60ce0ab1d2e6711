using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Metadata;

namespace Hemi.Grains.Runtime;

/// <summary>
/// The local activations of one <c>[StatelessWorker]</c> grain id. A call goes to the least busy worker; a new worker
/// is added only when every worker is busy and the limit is not reached (Orleans' policy).
/// </summary>
internal sealed class StatelessWorkerGroup(Catalog catalog, GrainClassInfo grainClass, GrainId grainId)
{
    private readonly Lock _lock = new();
    private readonly List<ActivationData> _workers = [];

    public IReadOnlyList<ActivationData> Workers
    {
        get
        {
            lock (_lock)
            {
                return _workers.ToArray();
            }
        }
    }

    public void ReceiveMessage(Message message)
    {
        ActivationData? target = null;
        bool created = false;
        lock (_lock)
        {
            int bestLoad = int.MaxValue;
            foreach (var worker in _workers)
            {
                if (!worker.IsAcceptingWork)
                {
                    continue;
                }

                int load = worker.InFlight;
                if (load < bestLoad)
                {
                    bestLoad = load;
                    target = worker;
                }
            }

            if (target is null || (bestLoad > 0 && _workers.Count < grainClass.MaxLocalWorkers))
            {
                if (catalog.IsStopping)
                {
                    throw new SiloUnavailableException($"The silo is shutting down; {grainId} cannot be activated.");
                }

                target = catalog.CreateActivation(grainClass, grainId, this);
                _workers.Add(target);
                created = true;
            }

            target.ReserveWorkerSlot();
        }

        if (created)
        {
            target.Start();
        }

        target.ReceiveMessage(message);
    }

    public void Remove(ActivationData worker)
    {
        lock (_lock)
        {
            _workers.Remove(worker);
        }
    }
}
