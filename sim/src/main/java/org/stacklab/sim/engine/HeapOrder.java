package org.stacklab.sim.engine;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * Events in a 4-ary min-heap of their keys, for few pending events: an add or a removal there stops after
 * a level or two.
 *
 * <p>Four children a node halve the depth of a binary heap and sit side by side in memory;
 * {@link #replaceFirst} pays for one walk down instead of a walk down and one up. (Measured on the ring
 * shape: the arithmetic tournament below beats a loop of branches by a quarter and {@code Math.min}-style
 * selects by half; 8 children and 2 were both slower than 4, and keys interleaved with payloads slower
 * than two arrays.) Slots past the end hold {@link #EMPTY} so a node's last children need no bounds test.
 */
final class HeapOrder extends EventOrder {

    private long[] keys;
    private long[] payloads;
    private int size;

    HeapOrder(int initialCapacity) {
        keys = new long[Math.max(16, initialCapacity)];
        payloads = new long[keys.length];
        Arrays.fill(keys, EMPTY);
    }

    @Override
    int size() {
        return size;
    }

    @Override
    long firstKey() {
        return keys[0];
    }

    @Override
    long firstPayload() {
        return payloads[0];
    }

    @Override
    void add(long key, long payload) {
        if (size + 4 >= keys.length) {
            int capacity = keys.length * 2;
            keys = Arrays.copyOf(keys, capacity);
            Arrays.fill(keys, size, capacity, EMPTY);
            payloads = Arrays.copyOf(payloads, capacity);
        }
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

    @Override
    void removeFirst() {
        int last = --size;
        long key = keys[last];
        long payload = payloads[last];
        keys[last] = EMPTY;
        if (last > 0) {
            siftDown(key, payload);
        }
    }

    @Override
    void replaceFirst(long key, long payload) {
        siftDown(key, payload);
    }

    @Override
    long[] pendingKeys() {
        return Arrays.copyOf(keys, size);
    }

    @Override
    void mapKeys(LongUnaryOperator map) {
        for (int i = 0; i < size; i++) {
            keys[i] = map.applyAsLong(keys[i]);
        }
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
}
