package org.stacklab.sim.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A discrete-event simulator: a clock in integer nanoseconds and a set of pending events.
 *
 * <p>Handlers are registered once and referred to by index, so that scheduling an event stores
 * four primitives and nothing else. Events at the same time fire in the order they were
 * scheduled; together with seeded {@link RandomStreams} this makes every run reproducible.
 *
 * <p>A run can go to the end ({@link #run()}), up to a time ({@link #runUntil(long)}) or one event
 * at a time ({@link #step()}), which is what a classroom step-through uses. Not thread-safe: a
 * simulator belongs to one thread.
 */
public final class Simulator {

    private final EventQueue queue = new EventQueue();
    private final List<EventHandler> handlers = new ArrayList<>();
    private EventHandler[] handlerTable = new EventHandler[0];
    private long now;
    private long eventsFired;
    /**
     * True while a handler runs: the event it handles is still the queue's first, so that the
     * first event it schedules can take that place in one walk of the heap.
     */
    private boolean firing;

    /** Registers a handler and returns the id to schedule its events with. */
    public int register(EventHandler handler) {
        handlers.add(handler);
        handlerTable = handlers.toArray(new EventHandler[0]);
        return handlers.size() - 1;
    }

    /** The current simulation time in nanoseconds. */
    public long now() {
        return now;
    }

    /** How many events have fired since this simulator was made. */
    public long eventsFired() {
        return eventsFired;
    }

    /** How many events are waiting to fire. */
    public int pendingEvents() {
        return firing ? queue.size() - 1 : queue.size();
    }

    /**
     * Schedules an event {@code delayNs} after now.
     *
     * @throws IllegalArgumentException if the delay is negative: time never goes backwards
     * @throws IllegalStateException    if it is more than {@link EventQueue#MAX_SPAN_NS} (about 18
     *                                  simulated minutes) after now
     */
    public void schedule(long delayNs, int handler, int argument) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("negative delay " + delayNs + " ns");
        }
        if (firing) {
            firing = false;
            queue.replaceFirst(now + delayNs, handler, argument);
        } else {
            queue.add(now + delayNs, handler, argument);
        }
    }

    /**
     * Fires the earliest pending event.
     *
     * @return false if there was none
     */
    public boolean step() {
        if (queue.isEmpty()) {
            return false;
        }
        fireFirst();
        return true;
    }

    /** Fires events until none is left. */
    public void run() {
        while (!queue.isEmpty()) {
            fireFirst();
        }
    }

    /**
     * Fires every event whose time is at or before {@code timeNs}, then sets the clock to
     * {@code timeNs} if it is later than the last event fired.
     */
    public void runUntil(long timeNs) {
        while (!queue.isEmpty() && queue.peekTime() <= timeNs) {
            fireFirst();
        }
        if (timeNs > now) {
            now = timeNs;
        }
    }

    private void fireFirst() {
        now = queue.peekTime();
        EventHandler handler = handlerTable[queue.peekHandler()];
        int argument = queue.peekArgument();
        eventsFired++;
        firing = true;
        try {
            handler.onEvent(argument);
        } finally {
            if (firing) {
                firing = false;
                queue.removeFirst();
            }
        }
    }
}
