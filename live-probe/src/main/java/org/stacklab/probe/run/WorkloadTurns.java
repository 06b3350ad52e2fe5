package org.stacklab.probe.run;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.stacklab.sim.report.Crossings;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.report.Throughput;
import org.stacklab.sim.trace.StageVisit;
import org.stacklab.sim.workload.Workload;

/**
 * The requests of one workload, gathered over the turns in which it was measured: workloads (a
 * scenario's at several message sizes) measured in one lab take turns, so that a drift of the machine
 * during the run (on a VM, the same ping-pong can move by a quarter within a second) falls on every
 * one alike. Each turn is a run of the workload driver of its own; its latencies, the driver's CPU,
 * segment times, crossings and lost events add up here, and the first turn gives the path trace.
 */
final class WorkloadTurns {

    private final Workload workload;
    private final Histogram roundTrips = new Histogram(3);
    private final Histogram lateWrites = new Histogram(3);
    private final TripWalker.SegmentTotals segments;
    private final Crossings.Counter crossings = new Crossings.Counter();
    private long probedTrips;
    private long dropped;
    private List<StageVisit> trace = List.of();
    private boolean probed;

    private long requests;
    private long driverCpuNs;
    private long elapsedNs;
    /** The machine's CPU over the turns, or null if it could not be read. */
    private MachineCpu machineCpu = new MachineCpu(0, 0, 0);

    /** @param workload the workload, its requests those of every turn together */
    WorkloadTurns(Workload workload) {
        this.workload = workload;
        this.segments = new TripWalker.SegmentTotals(workload.requests());
    }

    Workload workload() {
        return workload;
    }

    /** The smallest message either way (a stream has only its own): shorter packets are ACKs. */
    int smallestMessage() {
        return workload.pattern() == Workload.Pattern.STREAM ? workload.requestBytes()
                : Math.min(workload.requestBytes(), workload.responseBytes());
    }

    /** Requests (round trips, or a stream's messages) measured so far. */
    long roundTrips() {
        return requests;
    }

    /** The listener that walks a turn's trips into the segment totals and, on the first turn, the trace. */
    TripWalker.Listener walker(LiveTrace firstTurnTrace) {
        return probed ? segments : LiveTrace.both(segments, firstTurnTrace);
    }

    /**
     * Adds a turn's requests as the driver timed them, its CPU and the machine's.
     *
     * @param machine the machine's CPU during the turn, or null if unknown
     */
    void addRun(WorkloadDriver.Run turn, MachineCpu machine) {
        roundTrips.add(turn.latencyNs());
        lateWrites.add(turn.lateNs());
        requests += turn.requests();
        driverCpuNs += turn.cpuNs();
        elapsedNs += turn.elapsedNs();
        machineCpu = machine == null || machineCpu == null ? null : machineCpu.plus(machine);
    }

    /** The share of the CPUs' time the host took during the turns (steal), or null if unknown. */
    Double hostStolenShare() {
        return machineCpu == null ? null : Math.round(machineCpu.stolenShare() * 1000) / 1000.0;
    }

    /** What the turns moved, and what a byte cost the machine (0 where its CPU could not be read). */
    Throughput throughput() {
        double perSecond = elapsedNs == 0 ? 0 : requests * 1e9 / elapsedNs;
        double cpuUs = machineCpu == null || requests == 0 ? 0 : machineCpu.busyNs() / 1000.0 / requests;
        return Throughput.of(perSecond, cpuUs, workload);
    }

    /** The driver's CPU per request, µs. */
    double driverCpuUsPerRequest() {
        return roundTrips() == 0 ? 0 : Math.round((double) driverCpuNs / roundTrips()) / 1000.0;
    }

    /**
     * Adds what the path probe saw in a turn.
     *
     * @param events    the turn's events
     * @param trips     the turn's round trips
     * @param firstTurnTrace the trace given to {@link #walker} for this turn
     */
    void addProbed(EventLog events, long trips, long droppedEvents, LiveTrace firstTurnTrace) {
        events.countCrossings(crossings, smallestMessage());
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

    /** How late after their intended times an open loop's writes began, or null for another workload. */
    RunReport.Latency lateWritesUs() {
        return lateWrites.getTotalCount() == 0 ? null : RunReport.Latency.of(lateWrites);
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
