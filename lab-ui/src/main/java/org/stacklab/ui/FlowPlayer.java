package org.stacklab.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.trace.StageVisit;

/**
 * Plays a trace of many concurrent requests on a clock. A request is in flight from its first
 * visit to the end of its last; at each moment it sits at the visit it is in, or, between visits
 * (queued for a CPU or a proxy), at the last one it began. So a frame shows every request in
 * flight, and costs as much as they are, not the whole trace.
 */
final class FlowPlayer {

    private final List<StageVisit> byStart;
    private final Map<Long, Long> requestEnd = new HashMap<>();
    private final Map<Long, StageVisit> position = new HashMap<>();
    private final long first;
    private final long last;
    private int next;
    private long clock;

    FlowPlayer(List<StageVisit> trace) {
        byStart = new ArrayList<>(trace);
        byStart.sort(Comparator.comparingLong(StageVisit::enterNs));
        for (StageVisit visit : trace) {
            requestEnd.merge(visit.request(), visit.exitNs(), Math::max);
        }
        first = byStart.isEmpty() ? 0 : byStart.get(0).enterNs();
        last = trace.stream().mapToLong(StageVisit::exitNs).max().orElse(0);
        clock = first;
    }

    /** Moves the clock forward by {@code ns} and returns where each request in flight is then. */
    Collection<StageVisit> advance(long ns) {
        clock += ns;
        while (next < byStart.size() && byStart.get(next).enterNs() <= clock) {
            StageVisit visit = byStart.get(next++);
            position.put(visit.request(), visit);
        }
        position.keySet().removeIf(request -> requestEnd.get(request) <= clock);
        return position.values();
    }

    boolean finished() {
        return clock >= last;
    }

    /** Simulated nanoseconds from the first visit to now. */
    long elapsedNs() {
        return clock - first;
    }
}
