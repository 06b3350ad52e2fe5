package org.stacklab.sim.model;

import org.stacklab.sim.path.Step;

/**
 * Told of every stage visit and every completed request as a {@link StackModel} runs. Called on
 * the simulation's thread, in simulation-time order; implementations must not keep {@code step}
 * beyond the call unless they copy what they need.
 */
public interface VisitListener {

    /**
     * A stage visit ended.
     *
     * @param request   the request's id, from 0 in order of creation
     * @param step      what was visited
     * @param cpu       the core that ran it
     * @param enterNs   when the visit began (for a context switch: when the process became runnable)
     * @param exitNs    when it ended
     * @param serviceNs CPU time spent on it (less than {@code exitNs - enterNs} when it waited)
     */
    void visit(long request, Step step, int cpu, long enterNs, long exitNs, long serviceNs);

    /**
     * A message waited in its socket while its reader, busy with earlier messages, needed no wake-up:
     * from its delivery at {@code fromNs} until the reader turned to it at {@code toNs}, when it begins
     * {@code next}, the first step of its script.
     */
    default void queued(long request, Step next, long fromNs, long toNs) {
    }

    /** A request's response reached the client application. */
    default void completed(long request, long startNs, long endNs) {
    }
}
