package org.stacklab.sim.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.stacklab.sim.model.VisitListener;
import org.stacklab.sim.path.Step;

/** Keeps the stage visits of the first {@code limit} requests of a run, in the order they end. */
public final class TraceRecorder implements VisitListener {

    private final long limit;
    private final List<StageVisit> visits = new ArrayList<>();

    public TraceRecorder(long limit) {
        this.limit = limit;
    }

    @Override
    public void visit(long request, Step step, int cpu, long enterNs, long exitNs, long serviceNs) {
        if (request < limit) {
            visits.add(new StageVisit(request, step.direction(), step.stage(), step.namespace(), step.device(), cpu,
                    enterNs, exitNs, step.bytes()));
        }
    }

    /** A copy of the visits kept so far. */
    public List<StageVisit> visits() {
        return List.copyOf(visits);
    }

    /** The visits kept so far, as a read-only view that grows as the run goes on. */
    public List<StageVisit> view() {
        return Collections.unmodifiableList(visits);
    }
}
