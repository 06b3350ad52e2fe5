package org.stacklab.sim.model;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.stacklab.sim.cost.CostProfile;

/**
 * Scales the work of one round trip together, as {@link CostProfile#workSpread()} says: each round trip draws a
 * factor of its own, log-normal with that log standard deviation and a mean of one, and every visit of its work
 * (not its context switches, which {@link CorrelatedWakeups} draws) is its own draw times that factor. The stages'
 * means stay as calibrated; a round trip's work is slow or quick as one. With a spread of 0 every factor is 1 and
 * no number is drawn. Not thread-safe.
 */
final class CorrelatedWork {

    private final double spread;
    private final RandomGenerator random;
    private double[] tripFactor = new double[16];

    CorrelatedWork(double spread, RandomGenerator random) {
        this.spread = spread;
        this.random = random;
        Arrays.fill(tripFactor, 1);
    }

    /** A round trip begins in this request slot: it draws its factor. */
    void tripBegins(int slot) {
        if (spread == 0) {
            return;
        }
        if (slot >= tripFactor.length) {
            tripFactor = Arrays.copyOf(tripFactor, Math.max(slot + 1, tripFactor.length * 2));
        }
        tripFactor[slot] = Math.exp(spread * random.nextGaussian() - spread * spread / 2);
    }

    /** What the work of the round trip in {@code slot} is scaled by. */
    double factor(int slot) {
        return spread == 0 ? 1 : tripFactor[slot];
    }
}
