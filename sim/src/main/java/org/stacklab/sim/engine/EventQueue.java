package org.stacklab.sim.engine;

import java.util.Arrays;

/**
 * The pending-event set: 64-bit ordering keys, each with its event's payload, kept in the order that is
 * fastest for how many are pending.
 *
 * <p>Events are ordered by time, then by the order in which they were scheduled, so that two
 * events at the same nanosecond always fire in the same order and a run is reproducible. Both
 * live in one key — the time since a base in the high {@value #TIME_BITS} bits, a schedule number
 * in the low {@value #SEQUENCE_BITS} — so every key is distinct and one {@code long} comparison orders
 * two events. When the schedule numbers run out they are renumbered in their order, and when times
 * outgrow their bits the base moves up to the last event fired: neither changes any two keys' order.
 *
 * <p>Because keys are distinct, any correct order fires the same events in the same sequence, so the
 * set can change how it keeps them without changing a run: a {@link HeapOrder} while few are pending
 * (a model's few messages in flight: its walks stop after a level), a {@link TournamentOrder} past
 * {@value #TO_TOURNAMENT} (a thousand requests in flight: its walks never wait on a comparison to know
 * where to read next), and back below {@value #TO_HEAP}. Nothing on the hot path boxes or allocates.
 */
final class EventQueue {

    static final int SEQUENCE_BITS = 23;
    static final int TIME_BITS = 63 - SEQUENCE_BITS;
    /** The widest span of pending events, ns: about 18 simulated minutes. */
    static final long MAX_SPAN_NS = (1L << TIME_BITS) - 1;
    /**
     * Pending events past which the tournament tree takes over from the heap, and below which it gives back (on
     * the ring shape the two ran alike at 64 pending and the tree led from 256; apart, so as not to flap).
     */
    static final int TO_TOURNAMENT = 128;
    static final int TO_HEAP = 32;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final HeapOrder heap = new HeapOrder(2 * TO_TOURNAMENT);
    private final TournamentOrder tournament = new TournamentOrder(2 * TO_TOURNAMENT);
    private EventOrder order = heap;
    private long nextSequence;
    private long baseTime;
    /** The time of the last event removed: no event added later may be earlier. */
    private long floorTime;

    int size() {
        return order.size();
    }

    boolean isEmpty() {
        return order.size() == 0;
    }

    /** Time of the earliest event; only valid when the queue is not empty. */
    long peekTime() {
        return baseTime + (order.firstKey() >>> SEQUENCE_BITS);
    }

    int peekHandler() {
        return (int) (order.firstPayload() >>> 32);
    }

    int peekArgument() {
        return (int) order.firstPayload();
    }

    /**
     * Adds an event.
     *
     * @param time not before the last event removed
     * @throws IllegalStateException if it lies more than {@link #MAX_SPAN_NS} after the last event
     *                               removed
     */
    void add(long time, int handler, int argument) {
        order.add(keyOf(time), payload(handler, argument));
        if (order == heap && heap.size() > TO_TOURNAMENT) {
            heap.moveAllTo(tournament);
            order = tournament;
        }
    }

    /** Removes the earliest event; read it first with the peek methods. */
    void removeFirst() {
        floorTime = peekTime();
        order.removeFirst();
        if (order == tournament && tournament.size() < TO_HEAP) {
            tournament.moveAllTo(heap);
            order = heap;
        }
    }

    /**
     * Removes the earliest event and adds one: the same order as {@link #removeFirst()} then
     * {@link #add}, in one walk.
     */
    void replaceFirst(long time, int handler, int argument) {
        floorTime = peekTime();
        order.replaceFirst(keyOf(time), payload(handler, argument));
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
        order.mapKeys(key -> key - shift);
        baseTime = newBase;
        if (time - baseTime > MAX_SPAN_NS) {
            throw new IllegalStateException("an event " + (time - baseTime)
                    + " ns after the last one fired: the event set spans at most " + MAX_SPAN_NS + " ns");
        }
    }

    /** Gives the pending events schedule numbers 0, 1, 2, … in the order they had. */
    private void renumber() {
        int size = order.size();
        if (size > SEQUENCE_MASK / 2) {
            throw new IllegalStateException("more than " + SEQUENCE_MASK / 2 + " pending events");
        }
        long[] sequences = Arrays.stream(order.pendingKeys()).map(key -> key & SEQUENCE_MASK).sorted().toArray();
        order.mapKeys(key -> (key & ~SEQUENCE_MASK) | Arrays.binarySearch(sequences, key & SEQUENCE_MASK));
        nextSequence = size;
    }

    private static long payload(int handler, int argument) {
        return ((long) handler << 32) | (argument & 0xFFFF_FFFFL);
    }
}
