namespace Hemi.Grains.Runtime.Messaging;

/// <summary>
/// Calls awaiting a response, swept periodically for <c>ResponseTimeout</c> (Orleans keeps a callback table per
/// sender). Striped by thread and linked intrusively through the messages, so registering costs one uncontended lock
/// and no allocation. Timed-out calls complete with <see cref="TimeoutException"/>: the outcome is unknown and nothing
/// is retried.
/// </summary>
internal sealed class CallbackRegistry
{
    private readonly Stripe[] _stripes;

    public CallbackRegistry()
    {
        int count = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, Environment.ProcessorCount * 4));
        _stripes = new Stripe[count];
        for (int i = 0; i < count; i++)
        {
            _stripes[i] = new Stripe(i, count);
        }
    }

    public int Count
    {
        get
        {
            int total = 0;
            foreach (var stripe in _stripes)
            {
                total += Volatile.Read(ref stripe.Count);
            }

            return total;
        }
    }

    public void Register(Message message)
    {
        var stripe = _stripes[Environment.CurrentManagedThreadId & (_stripes.Length - 1)];
        stripe.Add(message);
    }

    /// <summary>Fails every call whose expiry is at or before <paramref name="now"/>; returns how many.</summary>
    public int Sweep(long now, TimeSpan timeout)
    {
        List<Message>? expired = null;
        foreach (var stripe in _stripes)
        {
            stripe.CollectExpired(now, ref expired);
        }

        if (expired is null)
        {
            return 0;
        }

        foreach (var message in expired)
        {
            message.TrySetException(new TimeoutException(
                $"Response did not arrive on time in {timeout} for message: {message}. The outcome of the call is unknown."));
        }

        return expired.Count;
    }

    /// <summary>Fails every pending call (silo shutdown).</summary>
    public void FailAll(Func<Message, Exception?> exceptionFactory)
    {
        List<Message>? all = null;
        foreach (var stripe in _stripes)
        {
            stripe.CollectExpired(long.MaxValue, ref all);
        }

        foreach (var message in all ?? [])
        {
            // Null: stop tracking the message but let it complete on its own path.
            if (exceptionFactory(message) is { } exception)
            {
                message.TrySetException(exception);
            }
        }
    }

    internal sealed class Stripe(int index, int stripeCount)
    {
        private readonly Lock _lock = new();
        private Message? _head;
        private long _nextId;
        internal int Count;

        public void Add(Message message)
        {
            lock (_lock)
            {
                message.Id = (++_nextId * stripeCount) + index;
                message.CallbackStripe = this;
                message.CallbackNext = _head;
                if (_head is not null)
                {
                    _head.CallbackPrevious = message;
                }

                _head = message;
                Count++;
            }
        }

        public void Remove(Message message)
        {
            lock (_lock)
            {
                Unlink(message);
            }
        }

        public void CollectExpired(long now, ref List<Message>? expired)
        {
            lock (_lock)
            {
                var current = _head;
                while (current is not null)
                {
                    var next = current.CallbackNext;
                    if (current.ExpiryTimestamp != 0 && current.ExpiryTimestamp <= now)
                    {
                        Unlink(current);
                        (expired ??= []).Add(current);
                    }

                    current = next;
                }
            }
        }

        private void Unlink(Message message)
        {
            if (message.CallbackStripe != this)
            {
                return;
            }

            if (message.CallbackPrevious is not null)
            {
                message.CallbackPrevious.CallbackNext = message.CallbackNext;
            }
            else
            {
                _head = message.CallbackNext;
            }

            if (message.CallbackNext is not null)
            {
                message.CallbackNext.CallbackPrevious = message.CallbackPrevious;
            }

            message.CallbackPrevious = null;
            message.CallbackNext = null;
            message.CallbackStripe = null;
            Count--;
        }
    }
}
