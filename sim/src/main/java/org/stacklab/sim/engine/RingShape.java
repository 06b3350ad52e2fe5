package org.stacklab.sim.engine;

import java.util.SplittableRandom;

/**
 * A benchmark shape any discrete-event engine can run, so that engines can be compared on it: tokens
 * in flight, each walking a ring of stages, a stage's service time exponential with a given mean. A
 * token's event at a stage schedules its event at the next one. With 1,000 tokens, 40 stages and a
 * mean of 2,000 ns, the pending-event set holds 1,000 events at every moment: the hold model.
 *
 * @param tokens  requests in flight
 * @param stages  stages in the ring
 * @param meanNs  mean service time of a stage
 */
public record RingShape(int tokens, int stages, double meanNs) {

    /** The shape of issue 13: 1,000 in flight, 40 stages, exponential service with mean 2,000 ns. */
    public static final RingShape STANDARD = new RingShape(1_000, 40, 2_000);
    /** Events a run of the standard shape fires, as the benchmark counts them. */
    public static final long STANDARD_EVENTS = 20_000_000;

    public RingShape {
        if (tokens < 1 || stages < 1 || !(meanNs > 0)) {
            throw new IllegalArgumentException("tokens and stages at least 1, mean above 0");
        }
    }

    /**
     * Runs {@code events} events on a fresh {@link Simulator}.
     *
     * @return the simulated time at the end, ns (a checksum: the same seed gives the same time)
     */
    public long run(long events, long seed) {
        Simulator simulator = new Simulator();
        SplittableRandom random = new SplittableRandom(seed);
        int[] stageOf = new int[tokens];
        long[] budget = {events};
        int[] handler = new int[1];
        handler[0] = simulator.register(token -> {
            int next = stageOf[token] + 1;
            stageOf[token] = next == stages ? 0 : next; // not %: a division costs as much as a heap level
            if (--budget[0] > 0) {
                simulator.schedule(exponential(random), handler[0], token);
            }
        });
        for (int token = 0; token < tokens; token++) {
            simulator.schedule(exponential(random), handler[0], token);
        }
        // Each token has one event pending; stop once the budget is spent and let the queue drain.
        while (budget[0] > 0 && simulator.step()) {
            // fire
        }
        return simulator.now();
    }

    /** The JDK's ziggurat draw: a fifth of the cost of {@code -mean * log(1 - u)}, the same law. */
    private long exponential(SplittableRandom random) {
        return (long) (meanNs * random.nextExponential());
    }
}
