package org.stacklab.sim.cost;

import org.apache.commons.math3.distribution.RealDistribution;
import org.stacklab.sim.engine.RandomStreams;
import org.stacklab.sim.stack.Stage;

/**
 * Draws stage service times from a {@link CostProfile}, each stage from its own random stream.
 * Not thread-safe.
 */
public final class StageSampler {

    private final StageCost[] costs;
    private final RealDistribution[] samplers;

    public StageSampler(CostProfile profile, RandomStreams streams) {
        Stage[] stages = Stage.values();
        costs = new StageCost[stages.length];
        samplers = new RealDistribution[stages.length];
        for (Stage stage : stages) {
            StageCost cost = profile.cost(stage);
            costs[stage.ordinal()] = cost;
            samplers[stage.ordinal()] = cost.base().sampler(streams.stream("stage:" + stage.name()));
        }
    }

    /**
     * One visit's service time in nanoseconds, never below one.
     *
     * @param factor the profile's factor for the visit's cost context ({@link CostProfile#contextFactor})
     */
    public long sampleNs(Stage stage, int bytes, int rules, double factor) {
        int i = stage.ordinal();
        StageCost cost = costs[i];
        RealDistribution sampler = samplers[i];
        double base = sampler == null ? cost.base().medianNs() : sampler.sample();
        double ns = factor * (base + cost.perByteNs() * bytes + cost.perRuleNs() * rules);
        return Math.max(1L, Math.round(ns));
    }
}
