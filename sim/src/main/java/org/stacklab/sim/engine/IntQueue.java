package org.stacklab.sim.engine;

import java.util.Arrays;

/**
 * A first-in first-out queue of {@code int}s in a growing ring buffer, without boxing; an item may also
 * be taken from within it ({@link #removeAt}), as a run queue's pick is.
 */
public final class IntQueue {

    private int[] items = new int[8];
    private int head;
    private int size;

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public void add(int item) {
        if (size == items.length) {
            int[] grown = new int[items.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = items[(head + i) % items.length];
            }
            items = grown;
            head = 0;
        }
        items[(head + size) % items.length] = item;
        size++;
    }

    /** The oldest item, left in place; the queue must not be empty. */
    public int peek() {
        if (size == 0) {
            throw new IllegalStateException("empty queue");
        }
        return items[head];
    }

    /** Removes and returns the oldest item; the queue must not be empty. */
    public int remove() {
        if (size == 0) {
            throw new IllegalStateException("empty queue");
        }
        int item = items[head];
        head = (head + 1) % items.length;
        size--;
        return item;
    }

    /**
     * Removes and returns the item {@code index} places behind the oldest; the rest keep their order.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public int removeAt(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a queue of " + size);
        }
        int item = items[(head + index) % items.length];
        for (int i = index; i > 0; i--) { // the older ones move up one place
            items[(head + i) % items.length] = items[(head + i - 1) % items.length];
        }
        head = (head + 1) % items.length;
        size--;
        return item;
    }

    @Override
    public String toString() {
        int[] ordered = new int[size];
        for (int i = 0; i < size; i++) {
            ordered[i] = items[(head + i) % items.length];
        }
        return Arrays.toString(ordered);
    }
}
