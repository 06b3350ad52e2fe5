package org.stacklab.probe.run;

import java.util.function.LongConsumer;

/**
 * How to measure a mode.
 *
 * @param pathProbe       attach the tracepoint probe: crossings, segments and the path trace
 * @param sockperf        also run sockperf on the same path as a yardstick
 * @param traceRoundTrips round trips whose path trace to keep
 * @param pinCpus         keep each process of the lab on one CPU, for steadier numbers run to run
 * @param turns           with several message sizes, the turns they take: each size's round trips are
 *                        measured in this many runs, the sizes alternating, so that a drift of the machine
 *                        falls on every size alike
 * @param progress        told the number of round trips done as they complete, over every size
 */
public record ProbeOptions(boolean pathProbe, boolean sockperf, long traceRoundTrips,
                           boolean pinCpus, int turns, LongConsumer progress) {

    /** Round trips whose path trace a measurement keeps unless told otherwise. */
    public static final long DEFAULT_TRACE_ROUND_TRIPS = 20;

    public ProbeOptions {
        if (turns < 1) {
            throw new IllegalArgumentException("at least one turn, not " + turns);
        }
    }

    /** Everything on, no progress reports. */
    public static ProbeOptions full() {
        return new ProbeOptions(true, true, DEFAULT_TRACE_ROUND_TRIPS, false, 1, done -> { });
    }

    /** Latency only: no probe, no yardstick, no trace. */
    public static ProbeOptions latencyOnly() {
        return new ProbeOptions(false, false, 0, false, 1, done -> { });
    }

    public ProbeOptions withSockperf(boolean on) {
        return new ProbeOptions(pathProbe, on, traceRoundTrips, pinCpus, turns, progress);
    }

    public ProbeOptions withPinnedCpus(boolean on) {
        return new ProbeOptions(pathProbe, sockperf, traceRoundTrips, on, turns, progress);
    }

    public ProbeOptions withProgress(LongConsumer listener) {
        return new ProbeOptions(pathProbe, sockperf, traceRoundTrips, pinCpus, turns, listener);
    }

    public ProbeOptions withTurns(int count) {
        return new ProbeOptions(pathProbe, sockperf, traceRoundTrips, pinCpus, count, progress);
    }
}
