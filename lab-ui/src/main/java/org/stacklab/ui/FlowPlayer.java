package org.stacklab.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.trace.StageVisit;

/**
 * Plays a trace of many concurrent requests on a clock. A request is in flight from its first
 * visit to the end of its last; at each moment it sits at the visit it is in, or, between visits
 * (queued in a socket whose reader is busy), at the last one it began. So a frame shows every
 * request in flight, and costs as much as they are, not the whole trace.
 *
 * <p>It also tells, for each CPU, which process runs on it and which wait for it: a process waits
 * from when a message made it runnable until it is switched in (its {@link Stage#CTX_SWITCH} visit),
 * counted on the CPU that then ran it.
 */
final class FlowPlayer {

    /**
     * One CPU at the clock's time.
     *
     * @param running the processes whose work is under way there (one, or none when it is idle)
     * @param waiting the processes runnable and waiting to be switched in there
     */
    record RunQueue(int cpu, List<String> running, List<String> waiting) {
    }

    private final List<StageVisit> byStart;
    private final Map<Long, Long> requestEnd = new HashMap<>();
    private final Map<Long, StageVisit> position = new HashMap<>();
    private final Function<StageVisit, String> processOf;
    private final int cpus;
    private final long first;
    private final long last;
    private int next;
    private long clock;

    /** @param processOf the name of the process whose time a visit is */
    FlowPlayer(List<StageVisit> trace, Function<StageVisit, String> processOf) {
        this.processOf = processOf;
        byStart = new ArrayList<>(trace);
        byStart.sort(Comparator.comparingLong(StageVisit::enterNs));
        for (StageVisit visit : trace) {
            requestEnd.merge(visit.request(), visit.exitNs(), Math::max);
        }
        cpus = 1 + trace.stream().mapToInt(StageVisit::cpu).max().orElse(0);
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

    /** Each CPU's running and waiting processes at the clock's time. */
    List<RunQueue> runQueues() {
        List<Set<String>> running = new ArrayList<>();
        List<Set<String>> waiting = new ArrayList<>();
        for (int c = 0; c < cpus; c++) {
            running.add(new LinkedHashSet<>());
            waiting.add(new LinkedHashSet<>());
        }
        for (StageVisit visit : position.values()) {
            if (visit.exitNs() > clock) {
                (visit.stage() == Stage.CTX_SWITCH ? waiting : running).get(visit.cpu()).add(processOf.apply(visit));
            }
        }
        List<RunQueue> queues = new ArrayList<>();
        for (int c = 0; c < cpus; c++) {
            queues.add(new RunQueue(c, List.copyOf(running.get(c)), List.copyOf(waiting.get(c))));
        }
        return queues;
    }

    /** Requests between two visits: their message waits in a socket for a reader busy with others. */
    long queuedInSockets() {
        return position.values().stream().filter(v -> v.exitNs() <= clock).count();
    }

    boolean finished() {
        return clock >= last;
    }

    /** Simulated nanoseconds from the first visit to now. */
    long elapsedNs() {
        return clock - first;
    }
}
