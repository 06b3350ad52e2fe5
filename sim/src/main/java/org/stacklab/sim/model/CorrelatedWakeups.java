package org.stacklab.sim.model;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.cost.StageSampler;

/**
 * Draws the context switches of one round trip together, as {@link CostProfile#wakeupCorrelation()}
 * says (a Gaussian copula): each round trip gets a normal score of its own, and each of its switches
 * is drawn at the quantile of {@code √ρ · trip's score + √(1−ρ) · a score of the switch's own}. A
 * switch keeps its distribution; a round trip's switches are slow or quick together. With ρ = 0 a
 * switch is drawn as any other visit. Not thread-safe.
 */
final class CorrelatedWakeups {

    private final double sharedWeight;
    private final double ownWeight;
    private final RandomGenerator random;
    private double[] tripScore = new double[16];

    CorrelatedWakeups(double correlation, RandomGenerator random) {
        this.sharedWeight = Math.sqrt(correlation);
        this.ownWeight = Math.sqrt(1 - correlation);
        this.random = random;
    }

    /** A round trip begins in this request slot: it draws its score. */
    void tripBegins(int slot) {
        if (sharedWeight == 0) {
            return;
        }
        if (slot >= tripScore.length) {
            tripScore = Arrays.copyOf(tripScore, Math.max(slot + 1, tripScore.length * 2));
        }
        tripScore[slot] = random.nextGaussian();
    }

    /** A switch of the round trip in {@code slot}: its service time in ns. */
    long switchNs(StageSampler.VisitCost cost, int slot) {
        if (sharedWeight == 0) {
            return cost.sampleNs();
        }
        return cost.sampleNsAtQuantile(quantile(slot));
    }

    /** A switch of the round trip in {@code slot} drawn from one hump of its distribution: between two quantiles. */
    long switchNs(StageSampler.VisitCost cost, int slot, double from, double to) {
        double within = sharedWeight == 0 ? random.nextDouble() : quantile(slot);
        return cost.sampleNsAtQuantile(from + (to - from) * within);
    }

    /** The quantile of a switch of the round trip in {@code slot}: its score with the trip's, as a share. */
    private double quantile(int slot) {
        double score = sharedWeight * tripScore[slot] + ownWeight * random.nextGaussian();
        return 0.5 * Erf.erfc(-score / Math.sqrt(2));
    }
}
