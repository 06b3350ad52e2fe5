package org.stacklab.probe.run;

import java.util.function.LongConsumer;
import org.stacklab.sim.engine.CpuPlacement;

/**
 * How to measure a mode.
 *
 * @param pathProbe       attach the tracepoint probe: crossings, segments and the path trace
 * @param sockperf        also run sockperf on the same path as a yardstick
 * @param traceRoundTrips round trips whose path trace to keep
 * @param placement       where the lab's processes run: {@code spread} by default, for numbers that repeat
 *                        run to run (under the scheduler's choices, a ping-pong's p50 moves by 2-3 times)
 * @param turns           with several message sizes, the turns they take: each size's round trips are
 *                        measured in this many runs, the sizes alternating, so that a drift of the machine
 *                        falls on every size alike
 * @param progress        told the number of round trips done as they complete, over every size
 * @param maxStolenShare  a turn during which the host took more of the CPUs' time than this (steal, 0 to 1) is
 *                        measured again, up to {@value #REMEASURES} times, the least stolen try kept: on a VM whose
 *                        host is busy, a vCPU with work waits for its physical CPU, which the lab does not
 *                        measure; 1 measures each turn once
 */
public record ProbeOptions(boolean pathProbe, boolean sockperf, long traceRoundTrips,
                           CpuPlacement placement, int turns, LongConsumer progress, double maxStolenShare) {

    /** How many times a turn the host took too much of is measured again, at most. */
    public static final int REMEASURES = 3;

    /** Round trips whose path trace a measurement keeps unless told otherwise. */
    public static final long DEFAULT_TRACE_ROUND_TRIPS = 20;

    public ProbeOptions {
        if (turns < 1) {
            throw new IllegalArgumentException("at least one turn, not " + turns);
        }
        if (!(maxStolenShare >= 0 && maxStolenShare <= 1)) {
            throw new IllegalArgumentException("a share from 0 to 1, not " + maxStolenShare);
        }
    }

    /** Everything on, no progress reports. */
    public static ProbeOptions full() {
        return new ProbeOptions(true, true, DEFAULT_TRACE_ROUND_TRIPS, CpuPlacement.SPREAD, 1, done -> { }, 1);
    }

    /** Latency only: no probe, no yardstick, no trace. */
    public static ProbeOptions latencyOnly() {
        return new ProbeOptions(false, false, 0, CpuPlacement.SPREAD, 1, done -> { }, 1);
    }

    public ProbeOptions withSockperf(boolean on) {
        return new ProbeOptions(pathProbe, on, traceRoundTrips, placement, turns, progress, maxStolenShare);
    }

    public ProbeOptions withPlacement(CpuPlacement where) {
        return new ProbeOptions(pathProbe, sockperf, traceRoundTrips, where, turns, progress, maxStolenShare);
    }

    public ProbeOptions withProgress(LongConsumer listener) {
        return new ProbeOptions(pathProbe, sockperf, traceRoundTrips, placement, turns, listener, maxStolenShare);
    }

    public ProbeOptions withTurns(int count) {
        return new ProbeOptions(pathProbe, sockperf, traceRoundTrips, placement, count, progress, maxStolenShare);
    }

    public ProbeOptions withMaxStolenShare(double share) {
        return new ProbeOptions(pathProbe, sockperf, traceRoundTrips, placement, turns, progress, share);
    }

    /** Whether a turn is measured again: the host took more than allowed and tries are left. */
    boolean remeasure(MachineCpu during, int remeasured) {
        return during != null && during.stolenShare() > maxStolenShare && remeasured < REMEASURES;
    }
}
