package org.stacklab.sim.model;

import org.stacklab.sim.path.Step;

/** Combinations of {@link VisitListener}s. */
public final class VisitListeners {

    private VisitListeners() {
    }

    /** A listener that tells {@code first}, then {@code second}. */
    public static VisitListener both(VisitListener first, VisitListener second) {
        return new VisitListener() {
            @Override
            public void visit(long request, Step step, int cpu, long enterNs, long exitNs, long serviceNs) {
                first.visit(request, step, cpu, enterNs, exitNs, serviceNs);
                second.visit(request, step, cpu, enterNs, exitNs, serviceNs);
            }

            @Override
            public void queued(long request, Step next, long fromNs, long toNs) {
                first.queued(request, next, fromNs, toNs);
                second.queued(request, next, fromNs, toNs);
            }

            @Override
            public void completed(long request, long startNs, long endNs) {
                first.completed(request, startNs, endNs);
                second.completed(request, startNs, endNs);
            }
        };
    }
}
