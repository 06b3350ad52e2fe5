package org.stacklab.sim.engine;

/**
 * Receives the events it scheduled on a {@link Simulator}.
 *
 * <p>An event carries one {@code int} argument so that the hot path needs no boxing and no
 * allocation: a handler usually uses it as an index into its own state (a core, a request slot).
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * Called when the simulation clock reaches the event's time.
     *
     * @param argument the argument given to {@link Simulator#schedule}
     */
    void onEvent(int argument);
}
