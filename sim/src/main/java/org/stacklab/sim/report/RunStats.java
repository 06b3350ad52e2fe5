package org.stacklab.sim.report;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.stacklab.sim.model.VisitListener;
import org.stacklab.sim.path.Step;
import org.stacklab.sim.stack.CpuCategory;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;

/**
 * Streaming statistics of a run: memory stays flat however many requests it makes.
 *
 * <p>Counts are kept per stage and direction; a "traversal of the TCP/IP stack" is one
 * {@link Stage#TCP_OUT} visit (a message or handshake packet entering TCP on its way out), and a
 * device crossing is one {@link Stage#DEV_XMIT} visit.
 */
public final class RunStats implements VisitListener {

    private static final int DIRECTIONS = Direction.values().length;
    private static final int STAGES = Stage.values().length;

    private final Histogram latency = new Histogram(3);
    private final long[] visits = new long[STAGES * DIRECTIONS];
    private final long[] elapsedNs = new long[STAGES];
    private final long[] cpuNs = new long[CpuCategory.values().length];
    private final long[] segmentNs = new long[Segment.values().length];
    private final Map<String, long[]> deviceCrossings = new HashMap<>(); // by device name
    private long completed;
    private long firstStartNs = Long.MAX_VALUE;
    private long lastEndNs;

    @Override
    public void visit(long request, Step step, int cpu, long enterNs, long exitNs, long serviceNs) {
        Stage stage = step.stage();
        visits[stage.ordinal() * DIRECTIONS + step.direction().ordinal()]++;
        elapsedNs[stage.ordinal()] += exitNs - enterNs;
        if (step.direction() != Direction.CONNECT) {
            segmentNs[step.segment().ordinal()] += exitNs - enterNs;
        }
        cpuNs[stage.cpuCategory().ordinal()] += serviceNs;
        if (stage == Stage.DEV_XMIT) {
            long[] counts = deviceCrossings.get(step.device());
            if (counts == null) {
                counts = new long[DIRECTIONS];
                deviceCrossings.put(step.device(), counts);
            }
            counts[step.direction().ordinal()]++;
        }
    }

    @Override
    public void queued(long request, Step next, long fromNs, long toNs) {
        if (next.direction() != Direction.CONNECT) {
            segmentNs[Segment.QUEUE.ordinal()] += toNs - fromNs;
        }
    }

    @Override
    public void completed(long request, long startNs, long endNs) {
        completed++;
        latency.recordValue(Math.max(1, endNs - startNs));
        firstStartNs = Math.min(firstStartNs, startNs);
        lastEndNs = Math.max(lastEndNs, endNs);
    }

    /**
     * Adds another run's statistics to these, as if its requests had been made in this run. Every
     * total is a count or a sum, so the order in which runs are added does not change the result.
     */
    public void add(RunStats other) {
        latency.add(other.latency);
        addInto(visits, other.visits);
        addInto(elapsedNs, other.elapsedNs);
        addInto(cpuNs, other.cpuNs);
        addInto(segmentNs, other.segmentNs);
        other.deviceCrossings.forEach((device, counts) ->
                addInto(deviceCrossings.computeIfAbsent(device, d -> new long[DIRECTIONS]), counts));
        completed += other.completed;
        firstStartNs = Math.min(firstStartNs, other.firstStartNs);
        lastEndNs = Math.max(lastEndNs, other.lastEndNs);
    }

    private static void addInto(long[] sum, long[] more) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += more[i];
        }
    }

    /** {@code lo} or {@code veth}: the kind of a device named in a step. */
    private static String deviceKind(String device) {
        int colon = device.indexOf(':');
        return colon < 0 ? device : device.substring(0, colon);
    }

    public long completed() {
        return completed;
    }

    public Histogram latency() {
        return latency;
    }

    public long visits(Stage stage, Direction direction) {
        return visits[stage.ordinal() * DIRECTIONS + direction.ordinal()];
    }

    public long visits(Stage stage) {
        long total = 0;
        for (Direction direction : Direction.values()) {
            total += visits(stage, direction);
        }
        return total;
    }

    public long elapsedNs(Stage stage) {
        return elapsedNs[stage.ordinal()];
    }

    /** Time spent in a segment by requests and responses (connection set-up excluded). */
    public long segmentNs(Segment segment) {
        return segmentNs[segment.ordinal()];
    }

    public long cpuNs(CpuCategory category) {
        return cpuNs[category.ordinal()];
    }

    /** Device crossings by device kind ({@code lo}, {@code veth}) and direction. */
    public Map<String, long[]> deviceCrossings() {
        Map<String, long[]> byKind = new TreeMap<>();
        deviceCrossings.forEach((device, counts) ->
                addInto(byKind.computeIfAbsent(deviceKind(device), k -> new long[DIRECTIONS]), counts));
        return byKind;
    }

    /** Simulated time from the first request's start to the last one's end. */
    public long spanNs() {
        return completed == 0 ? 0 : lastEndNs - firstStartNs;
    }
}
