package org.stacklab.sim.engine;

import java.util.Arrays;

/**
 * The pending-event set: a binary min-heap over parallel primitive arrays.
 *
 * <p>Events are ordered by time, then by the order in which they were scheduled, so that two
 * events at the same nanosecond always fire in the same order and a run is reproducible. Nothing
 * on the hot path boxes or allocates; the arrays grow by doubling.
 */
final class EventQueue {

    private long[] times;
    private long[] sequences;
    private int[] handlers;
    private int[] arguments;
    private int size;
    private long nextSequence;

    EventQueue(int initialCapacity) {
        int capacity = Math.max(16, initialCapacity);
        times = new long[capacity];
        sequences = new long[capacity];
        handlers = new int[capacity];
        arguments = new int[capacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest event; only valid when the queue is not empty. */
    long peekTime() {
        return times[0];
    }

    int peekHandler() {
        return handlers[0];
    }

    int peekArgument() {
        return arguments[0];
    }

    void add(long time, int handler, int argument) {
        if (size == times.length) {
            grow();
        }
        long sequence = nextSequence++;
        int hole = size++;
        while (hole > 0) {
            int parent = (hole - 1) >>> 1;
            if (!before(time, sequence, parent)) {
                break;
            }
            move(parent, hole);
            hole = parent;
        }
        set(hole, time, sequence, handler, argument);
    }

    /** Removes the earliest event; read it first with the peek methods. */
    void removeFirst() {
        int last = --size;
        if (last == 0) {
            return;
        }
        long time = times[last];
        long sequence = sequences[last];
        int handler = handlers[last];
        int argument = arguments[last];
        int hole = 0;
        int half = last >>> 1;
        while (hole < half) {
            int child = 2 * hole + 1;
            int right = child + 1;
            if (right < last && before(times[right], sequences[right], child)) {
                child = right;
            }
            if (!before(times[child], sequences[child], time, sequence)) {
                break;
            }
            move(child, hole);
            hole = child;
        }
        set(hole, time, sequence, handler, argument);
    }

    void clear() {
        size = 0;
    }

    private boolean before(long time, long sequence, int index) {
        return before(time, sequence, times[index], sequences[index]);
    }

    private static boolean before(long timeA, long sequenceA, long timeB, long sequenceB) {
        return timeA < timeB || (timeA == timeB && sequenceA < sequenceB);
    }

    private void move(int from, int to) {
        set(to, times[from], sequences[from], handlers[from], arguments[from]);
    }

    private void set(int index, long time, long sequence, int handler, int argument) {
        times[index] = time;
        sequences[index] = sequence;
        handlers[index] = handler;
        arguments[index] = argument;
    }

    private void grow() {
        int capacity = times.length * 2;
        times = Arrays.copyOf(times, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        handlers = Arrays.copyOf(handlers, capacity);
        arguments = Arrays.copyOf(arguments, capacity);
    }
}
