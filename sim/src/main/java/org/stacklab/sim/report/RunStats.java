package org.stacklab.sim.report;

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
 * <p>Counts are kept per stage and direction, and the {@link Crossings} as their one definition says.
 */
public final class RunStats implements VisitListener {

    private static final int DIRECTIONS = Direction.values().length;
    private static final int STAGES = Stage.values().length;

    private final Histogram latency = new Histogram(3);
    private final long[] visits = new long[STAGES * DIRECTIONS];
    private final long[] elapsedNs = new long[STAGES];
    private final long[] cpuNs = new long[CpuCategory.values().length];
    private final long[] segmentNs = new long[Segment.values().length];
    private final Crossings.Counter crossings = new Crossings.Counter();
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
        crossings.visit(step.direction(), stage, step.device());
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
        crossings.add(other.crossings);
        completed += other.completed;
        firstStartNs = Math.min(firstStartNs, other.firstStartNs);
        lastEndNs = Math.max(lastEndNs, other.lastEndNs);
    }

    private static void addInto(long[] sum, long[] more) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += more[i];
        }
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

    /** The crossings of requests and responses so far. */
    public Crossings.Counter crossings() {
        return crossings;
    }

    /** Simulated time from the first request's start to the last one's end. */
    public long spanNs() {
        return completed == 0 ? 0 : lastEndNs - firstStartNs;
    }
}
