package org.stacklab.sim.engine;

import java.util.function.LongUnaryOperator;

/**
 * How the event set keeps its events in order: distinct non-negative 64-bit keys, each with a payload, the
 * least first. {@link EventQueue} makes the keys and chooses the order by how many events are pending.
 */
abstract class EventOrder {

    /** Marks a place that holds no event: above every key. */
    static final long EMPTY = Long.MAX_VALUE;

    abstract int size();

    /** The least key; only valid when not empty. */
    abstract long firstKey();

    abstract long firstPayload();

    abstract void add(long key, long payload);

    abstract void removeFirst();

    /** Removes the first event and adds one, as the two would but in one pass. */
    abstract void replaceFirst(long key, long payload);

    /** The keys of the events held, in no particular order. */
    abstract long[] pendingKeys();

    /** Applies a function that keeps every two keys' order to every key held. */
    abstract void mapKeys(LongUnaryOperator map);

    /** Moves every event to another order, leaving this one empty. */
    final void moveAllTo(EventOrder other) {
        while (size() > 0) {
            other.add(firstKey(), firstPayload());
            removeFirst();
        }
    }
}
