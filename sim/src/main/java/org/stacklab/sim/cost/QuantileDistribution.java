package org.stacklab.sim.cost;

import java.util.List;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A distribution given by evenly spaced quantiles, linear between them: sampled by inversion, so
 * one uniform draw per sample.
 */
final class QuantileDistribution extends AbstractRealDistribution {

    private static final long serialVersionUID = 1L;

    private final double[] quantiles;

    QuantileDistribution(RandomGenerator random, List<Double> quantiles) {
        super(random);
        this.quantiles = quantiles.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public double inverseCumulativeProbability(double p) {
        double at = p * (quantiles.length - 1);
        int below = Math.min(quantiles.length - 2, (int) Math.floor(at));
        return quantiles[below] + (at - below) * (quantiles[below + 1] - quantiles[below]);
    }

    @Override
    public double sample() {
        return inverseCumulativeProbability(random.nextDouble());
    }

    @Override
    public double cumulativeProbability(double x) {
        if (x <= quantiles[0]) {
            return 0;
        }
        int last = quantiles.length - 1;
        if (x >= quantiles[last]) {
            return 1;
        }
        int i = 0;
        while (quantiles[i + 1] < x) {
            i++;
        }
        double width = quantiles[i + 1] - quantiles[i];
        return (i + (width == 0 ? 1 : (x - quantiles[i]) / width)) / last;
    }

    @Override
    public double density(double x) {
        throw new UnsupportedOperationException("a quantile distribution is only sampled");
    }

    @Override
    public double getNumericalMean() {
        throw new UnsupportedOperationException("see CostDistribution.mean()");
    }

    @Override
    public double getNumericalVariance() {
        throw new UnsupportedOperationException("not needed");
    }

    @Override
    public double getSupportLowerBound() {
        return quantiles[0];
    }

    @Override
    public double getSupportUpperBound() {
        return quantiles[quantiles.length - 1];
    }

    @Override
    public boolean isSupportLowerBoundInclusive() {
        return true;
    }

    @Override
    public boolean isSupportUpperBoundInclusive() {
        return true;
    }

    @Override
    public boolean isSupportConnected() {
        return true;
    }
}
