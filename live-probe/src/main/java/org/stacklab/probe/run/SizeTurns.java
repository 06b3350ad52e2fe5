package org.stacklab.probe.run;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.stacklab.sim.report.Crossings;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.trace.StageVisit;

/**
 * The round trips of one message size, gathered over the turns in which it was measured: sizes
 * measured in one lab take turns, so that a drift of the machine during the run (on a VM, the
 * same ping-pong can move by a quarter within a second) falls on every size alike. Each turn is a
 * run of the workload driver of its own; its round trips, segment times, crossings and lost
 * events add up here, and the first turn gives the path trace.
 */
final class SizeTurns {

    private final int bytes;
    private final Histogram roundTrips = new Histogram(3);
    private final TripWalker.SegmentTotals segments;
    private final Crossings.Counter crossings = new Crossings.Counter();
    private long probedTrips;
    private long dropped;
    private List<StageVisit> trace = List.of();
    private boolean probed;

    /** @param expectedTrips round trips over all turns, over which the kept wake-ups are spread */
    SizeTurns(int bytes, long expectedTrips) {
        this.bytes = bytes;
        this.segments = new TripWalker.SegmentTotals(expectedTrips);
    }

    int bytes() {
        return bytes;
    }

    /** Round trips measured so far. */
    long roundTrips() {
        return roundTrips.getTotalCount();
    }

    /** The listener that walks a turn's trips into the segment totals and, on the first turn, the trace. */
    TripWalker.Listener walker(LiveTrace firstTurnTrace) {
        return probed ? segments : LiveTrace.both(segments, firstTurnTrace);
    }

    /** Adds a turn's round trips as the driver timed them. */
    void addRoundTrips(Histogram turn) {
        roundTrips.add(turn);
    }

    /**
     * Adds what the path probe saw in a turn.
     *
     * @param events    the turn's events
     * @param trips     the turn's round trips
     * @param firstTurnTrace the trace given to {@link #walker} for this turn
     */
    void addProbed(EventLog events, long trips, long droppedEvents, LiveTrace firstTurnTrace) {
        events.countCrossings(crossings, bytes);
        probedTrips += trips;
        dropped += droppedEvents;
        if (!probed) {
            trace = firstTurnTrace.visits();
            probed = true;
        }
    }

    RunReport.Latency latencyUs() {
        return RunReport.Latency.of(roundTrips);
    }

    /** Crossings per round trip over every turn, or null if the probe watched none. */
    Crossings crossings() {
        return probed ? crossings.perRoundTrip(probedTrips) : null;
    }

    TripWalker.SegmentTotals segments() {
        return segments;
    }

    boolean probed() {
        return probed;
    }

    long dropped() {
        return dropped;
    }

    List<StageVisit> trace() {
        return trace;
    }
}
