package org.stacklab.sim.engine;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * Events in a tournament tree, for many pending events: each event holds a slot, a leaf of a complete
 * binary tree whose every inner node holds the least key beneath it (an empty slot holds {@link #EMPTY}).
 *
 * <p>Adding, removing or replacing an event changes one leaf and the nodes above it: each becomes the
 * lesser of the child just changed and its sibling, chosen in arithmetic, not a branch. Every change walks
 * the tree's whole height, where a heap's walk may stop early, but the nodes it reads are known from the
 * leaf alone, where a heap's next node waits on the last comparison: the processor fetches them all at
 * once, and only the comparisons wait on one another.
 */
final class TournamentOrder extends EventOrder {

    /** A power of two. Node 1 is the root, node k's children 2k and 2k + 1, slot s's leaf node slots + s. */
    private int slots;
    /** Per node, the least key beneath it, and the slot that holds it. */
    private long[] keys;
    private int[] owners;
    /** Per slot, its event's payload. */
    private long[] payloads;
    /** The free slots, a stack: the top at {@code slots - size - 1}. */
    private int[] freeSlots;
    private int size;

    TournamentOrder(int initialCapacity) {
        allocate(Integer.highestOneBit(Math.max(2, initialCapacity - 1)) << 1);
    }

    @Override
    int size() {
        return size;
    }

    @Override
    long firstKey() {
        return keys[1];
    }

    @Override
    long firstPayload() {
        return payloads[owners[1]];
    }

    @Override
    void add(long key, long payload) {
        if (size == slots) {
            allocate(slots * 2);
        }
        int slot = freeSlots[slots - 1 - size++];
        payloads[slot] = payload;
        update(slot, key);
    }

    @Override
    void removeFirst() {
        int slot = owners[1];
        freeSlots[slots - size--] = slot;
        update(slot, EMPTY);
    }

    @Override
    void replaceFirst(long key, long payload) {
        int slot = owners[1];
        payloads[slot] = payload;
        update(slot, key);
    }

    @Override
    long[] pendingKeys() {
        return Arrays.stream(keys, slots, 2 * slots).filter(key -> key != EMPTY).toArray();
    }

    @Override
    void mapKeys(LongUnaryOperator map) {
        for (int node = 1; node < 2 * slots; node++) {
            if (keys[node] != EMPTY) {
                keys[node] = map.applyAsLong(keys[node]);
            }
        }
    }

    /** Gives a slot its key and every node above it the lesser of its two children. */
    private void update(int slot, long key) {
        long[] keys = this.keys;
        int[] owners = this.owners;
        int node = slots + slot;
        long least = key;
        int owner = slot;
        keys[node] = key;
        while (node > 1) {
            int sibling = node ^ 1;
            long siblingKey = keys[sibling];
            // Keys are non-negative, so a difference's sign bit says which is smaller.
            long siblingFirst = (siblingKey - least) >> 63;
            least += (siblingKey - least) & siblingFirst;
            owner += (owners[sibling] - owner) & (int) siblingFirst;
            node >>>= 1;
            keys[node] = least;
            owners[node] = owner;
        }
    }

    /** Makes room for {@code capacity} events, a power of two, keeping those pending in their slots. */
    private void allocate(int capacity) {
        long[] oldKeys = keys;
        int oldSlots = slots;
        slots = capacity;
        keys = new long[2 * capacity];
        owners = new int[2 * capacity];
        Arrays.fill(keys, EMPTY);
        for (int slot = 0; slot < capacity; slot++) {
            owners[capacity + slot] = slot;
        }
        payloads = payloads == null ? new long[capacity] : Arrays.copyOf(payloads, capacity);
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity - oldSlots; i++) {
            freeSlots[i] = capacity - 1 - i; // the new slots, the lowest on top
        }
        if (oldKeys != null) {
            System.arraycopy(oldKeys, oldSlots, keys, capacity, oldSlots);
            for (int node = capacity - 1; node >= 1; node--) {
                int least = keys[2 * node] <= keys[2 * node + 1] ? 2 * node : 2 * node + 1;
                keys[node] = keys[least];
                owners[node] = owners[least];
            }
        }
    }
}
