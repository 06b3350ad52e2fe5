package org.stacklab.sim.cost;

import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A log-normal stage cost that draws with the JDK's intrinsic {@code Math.exp} (commons-math's software
 * exponential was a fifth of the model's time); its quantiles, for correlated draws, are the parent's.
 */
final class LogNormalSampler extends LogNormalDistribution {

    private static final long serialVersionUID = 1L;

    LogNormalSampler(RandomGenerator random, double scale, double shape) {
        super(random, scale, shape, DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
    }

    @Override
    public double sample() {
        return Math.exp(getScale() + getShape() * random.nextGaussian());
    }
}
