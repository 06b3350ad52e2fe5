package org.stacklab.sim.run;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.model.EventGrain;
import org.stacklab.sim.model.StackModel;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.trace.StageVisit;
import org.stacklab.sim.trace.TraceRecorder;
import org.stacklab.sim.workload.Workload;

/**
 * A path trace walked through one stage visit at a time, forwards and backwards, as a classroom
 * steps through it: either a simulation run as it goes, or a trace already made (a recording).
 * Going forward fires the engine's events until the next visit ends; going back replays from the
 * trace kept so far, so that the model never has to run backwards.
 */
public final class StepThrough {

    private final BooleanSupplier produceMore;
    private final List<StageVisit> visits;
    private int position;

    private StepThrough(List<StageVisit> visits, BooleanSupplier produceMore) {
        this.visits = visits;
        this.produceMore = produceMore;
    }

    /** Steps through a simulation of every request of the scenario's workload through {@code mode}. */
    public static StepThrough simulate(LoadedScenario loaded, Mode mode) {
        Workload workload = loaded.scenario().workload();
        TraceRecorder recorder = new TraceRecorder(Long.MAX_VALUE);
        StackModel model = new StackModel(PathProgram.of(mode, workload), loaded.profile(), workload, loaded.scenario().cpus(),
                loaded.scenario().cpuPlacement(), 1, EventGrain.STAGE, loaded.scenario().seed(), recorder);
        return new StepThrough(recorder.view(), model::step);
    }

    /** Steps through a trace made before, such as a live recording's. */
    public static StepThrough replay(List<StageVisit> trace) {
        return new StepThrough(List.copyOf(trace), () -> false);
    }

    /** How many visits have been shown: 0 before the first step. */
    public int position() {
        return position;
    }

    /** The visit shown last, if any. */
    public Optional<StageVisit> current() {
        return position == 0 ? Optional.empty() : Optional.of(visits.get(position - 1));
    }

    /** The visits shown so far, in order. */
    public List<StageVisit> shown() {
        return List.copyOf(visits.subList(0, position));
    }

    /** Shows the next visit; empty when the run is over. */
    public Optional<StageVisit> forward() {
        if (peek().isEmpty()) {
            return Optional.empty();
        }
        position++;
        return current();
    }

    /** The visit the next step would show, without showing it; empty when the run is over. */
    public Optional<StageVisit> peek() {
        while (position == visits.size()) {
            if (!produceMore.getAsBoolean()) {
                return Optional.empty();
            }
        }
        return Optional.of(visits.get(position));
    }

    /** The visits of {@code request} still to come after the one shown, at most {@code max}, without showing them. */
    public List<StageVisit> ahead(long request, int max) {
        List<StageVisit> next = new java.util.ArrayList<>();
        for (int i = position; next.size() < max; i++) {
            while (i >= visits.size()) {
                if (!produceMore.getAsBoolean()) {
                    return next;
                }
            }
            StageVisit visit = visits.get(i);
            if (visit.request() == request) {
                next.add(visit);
            } else if (visit.request() > request) {
                return next;
            }
        }
        return next;
    }

    /** Goes back one visit; empty (and nothing changes) at the start. */
    public Optional<StageVisit> back() {
        if (position == 0) {
            return Optional.empty();
        }
        position--;
        return current();
    }

    /** Goes forward to the first visit of the next request; empty when there is none. */
    public Optional<StageVisit> nextRequest() {
        long request = current().map(StageVisit::request).orElse(-1L);
        Optional<StageVisit> visit = forward();
        while (visit.isPresent() && visit.get().request() <= request) {
            visit = forward();
        }
        return visit;
    }

    /** Goes back to the start. */
    public void reset() {
        position = 0;
    }
}
