package org.stacklab.sim.engine;

import java.util.Arrays;

/**
 * The pending-event set: a 4-ary min-heap of 64-bit ordering keys, each with its event's payload.
 *
 * <p>Events are ordered by time, then by the order in which they were scheduled, so that two
 * events at the same nanosecond always fire in the same order and a run is reproducible. Both
 * live in one key — the time since a base in the high {@value #TIME_BITS} bits, a schedule number
 * in the low {@value #SEQUENCE_BITS} — so that the heap compares one {@code long} where it compared
 * two, and moves two arrays' entries where it moved four. When
 * the schedule numbers run out they are renumbered in their order, and when times outgrow their
 * bits the base moves up to the last event fired: neither changes any two keys' order.
 *
 * <p>Four children a node halve the depth of a binary heap and sit side by side in memory;
 * {@link #replaceFirst} lets an event that schedules its successor pay for one walk down instead
 * of a walk down and one up. (Measured on the ring shape: the arithmetic tournament below beats a
 * loop of branches by a quarter and {@code Math.min}-style selects by half; 8 children and 2 were
 * both slower than 4, and keys interleaved with payloads slower than two arrays.) Slots past the end hold {@link Long#MAX_VALUE} so a node's last
 * children need no bounds test. Nothing on the hot path boxes or allocates.
 */
final class EventQueue {

    static final int SEQUENCE_BITS = 23;
    static final int TIME_BITS = 63 - SEQUENCE_BITS;
    /** The widest span of pending events, ns: about 18 simulated minutes. */
    static final long MAX_SPAN_NS = (1L << TIME_BITS) - 1;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final long EMPTY = Long.MAX_VALUE;
    private static final int ARITY = 4;

    private long[] keys;
    /** The handler in the high 32 bits, the argument in the low 32. */
    private long[] payloads;
    private int size;
    private long nextSequence;
    private long baseTime;
    /** The time of the last event removed: no event added later may be earlier. */
    private long floorTime;

    EventQueue(int initialCapacity) {
        allocate(Math.max(16, initialCapacity));
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest event; only valid when the queue is not empty. */
    long peekTime() {
        return baseTime + (keys[0] >>> SEQUENCE_BITS);
    }

    int peekHandler() {
        return (int) (payloads[0] >>> 32);
    }

    int peekArgument() {
        return (int) payloads[0];
    }

    /**
     * Adds an event.
     *
     * @param time not before the last event removed
     * @throws IllegalStateException if it lies more than {@link #MAX_SPAN_NS} after the last event
     *                               removed
     */
    void add(long time, int handler, int argument) {
        if (size + ARITY >= keys.length) {
            grow();
        }
        long key = keyOf(time);
        long payload = payload(handler, argument);
        int hole = size++;
        while (hole > 0) {
            int parent = (hole - 1) >>> 2;
            long parentKey = keys[parent];
            if (parentKey < key) {
                break;
            }
            keys[hole] = parentKey;
            payloads[hole] = payloads[parent];
            hole = parent;
        }
        keys[hole] = key;
        payloads[hole] = payload;
    }

    /** Removes the earliest event; read it first with the peek methods. */
    void removeFirst() {
        floorTime = peekTime();
        int last = --size;
        long key = keys[last];
        long payload = payloads[last];
        keys[last] = EMPTY;
        if (last > 0) {
            siftDown(key, payload);
        }
    }

    /**
     * Removes the earliest event and adds one in a single walk down the heap: the same order as
     * {@link #removeFirst()} then {@link #add}, at about half the cost.
     */
    void replaceFirst(long time, int handler, int argument) {
        floorTime = peekTime();
        long key = keyOf(time);
        siftDown(key, payload(handler, argument));
    }

    /** Puts the given event where the root was and walks it down to its place. */
    private void siftDown(long key, long payload) {
        long[] keys = this.keys;
        int count = size;
        int hole = 0;
        while (true) {
            int first = (hole << 2) + 1;
            if (first >= count) {
                break;
            }
            // The least of four as a tournament of two pairs, in arithmetic rather than branches: which
            // child is least is a coin toss the processor would mispredict at every level. Keys are
            // non-negative, so a difference's sign bit says which is smaller.
            long a = keys[first];
            long b = keys[first + 1];
            long c = keys[first + 2];
            long d = keys[first + 3];
            long bBeforeA = (b - a) >> 63;
            long abKey = a + ((b - a) & bBeforeA);
            int ab = first + (int) (bBeforeA & 1);
            long dBeforeC = (d - c) >> 63;
            long cdKey = c + ((d - c) & dBeforeC);
            int cd = first + 2 + (int) (dBeforeC & 1);
            long cdBeforeAb = (cdKey - abKey) >> 63;
            long leastKey = abKey + ((cdKey - abKey) & cdBeforeAb);
            int least = ab + ((cd - ab) & (int) cdBeforeAb);
            if (key < leastKey) {
                break;
            }
            keys[hole] = leastKey;
            payloads[hole] = payloads[least];
            hole = least;
        }
        keys[hole] = key;
        payloads[hole] = payload;
    }

    private long keyOf(long time) {
        long offset = time - baseTime;
        if (offset > MAX_SPAN_NS) {
            rebase(time);
            offset = time - baseTime;
        }
        if (nextSequence > SEQUENCE_MASK) {
            renumber();
        }
        return (offset << SEQUENCE_BITS) | nextSequence++;
    }

    /** Moves the base up to the last event removed, before which nothing can come. */
    private void rebase(long time) {
        long newBase = Math.min(time, floorTime);
        long shift = (newBase - baseTime) << SEQUENCE_BITS;
        for (int i = 0; i < size; i++) {
            keys[i] -= shift;
        }
        baseTime = newBase;
        if (time - baseTime > MAX_SPAN_NS) {
            throw new IllegalStateException("an event " + (time - baseTime)
                    + " ns after the last one fired: the event set spans at most " + MAX_SPAN_NS + " ns");
        }
    }

    /** Gives the pending events schedule numbers 0, 1, 2, … in the order they had. */
    private void renumber() {
        if (size > SEQUENCE_MASK / 2) {
            throw new IllegalStateException("more than " + SEQUENCE_MASK / 2 + " pending events");
        }
        long[] sequences = new long[size];
        for (int i = 0; i < size; i++) {
            sequences[i] = keys[i] & SEQUENCE_MASK;
        }
        Arrays.sort(sequences);
        for (int i = 0; i < size; i++) {
            long rank = Arrays.binarySearch(sequences, keys[i] & SEQUENCE_MASK);
            keys[i] = (keys[i] & ~SEQUENCE_MASK) | rank;
        }
        nextSequence = size;
    }

    private static long payload(int handler, int argument) {
        return ((long) handler << 32) | (argument & 0xFFFF_FFFFL);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        payloads = new long[capacity];
        Arrays.fill(keys, EMPTY);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldPayloads = payloads;
        allocate(keys.length * 2);
        System.arraycopy(oldKeys, 0, keys, 0, size);
        System.arraycopy(oldPayloads, 0, payloads, 0, size);
    }
}
