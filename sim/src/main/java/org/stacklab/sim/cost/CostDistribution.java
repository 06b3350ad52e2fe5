package org.stacklab.sim.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.stacklab.sim.io.InvalidValue;

/**
 * The base time of a stage, before its per-byte and per-rule parts: a log-normal given by its
 * median and shape, a gamma given by its mean and shape, a constant, or an empirical distribution
 * given by its quantiles (for measured times no family fits, such as a VM's two-humped wake-ups).
 *
 * @param family      {@code lognormal}, {@code gamma}, {@code constant} or {@code empirical}
 * @param medianNs    the median (log-normal) or the value (constant)
 * @param meanNs      the mean (gamma)
 * @param shape       sigma of the underlying normal (log-normal) or k (gamma)
 * @param quantilesNs evenly spaced quantiles from the least to the greatest, ascending (empirical); else empty
 */
public record CostDistribution(String family, double medianNs, double meanNs, double shape, List<Double> quantilesNs) {

    public static final String LOGNORMAL = "lognormal";
    public static final String GAMMA = "gamma";
    public static final String CONSTANT = "constant";
    public static final String EMPIRICAL = "empirical";

    @JsonCreator
    public CostDistribution(@JsonProperty(value = "family", required = true) String family,
                            @JsonProperty("medianNs") Double medianNs,
                            @JsonProperty("meanNs") Double meanNs,
                            @JsonProperty("shape") Double shape,
                            @JsonProperty("quantilesNs") List<Double> quantilesNs) {
        this(family, medianNs == null ? 0 : medianNs, meanNs == null ? 0 : meanNs, shape == null ? 0 : shape,
                quantilesNs == null ? List.of() : List.copyOf(quantilesNs));
    }

    /** A parametric distribution. */
    public CostDistribution(String family, double medianNs, double meanNs, double shape) {
        this(family, medianNs, meanNs, shape, List.of());
    }

    /**
     * The empirical distribution of these times, kept as {@code points} evenly spaced quantiles.
     * The last point is not the greatest time but the one that gives the top bin (drawn linearly
     * between its ends) the mean of the times in it: a rare stall of milliseconds then weighs what
     * it weighed among the times, not a whole bin's share.
     */
    public static CostDistribution empirical(double[] timesNs, int points) {
        double[] sorted = timesNs.clone();
        java.util.Arrays.sort(sorted);
        List<Double> quantiles = new java.util.ArrayList<>();
        for (int i = 0; i < points - 1; i++) {
            double at = (double) i * (sorted.length - 1) / (points - 1);
            int below = (int) Math.floor(at);
            int above = Math.min(sorted.length - 1, below + 1);
            quantiles.add((double) Math.round(sorted[below] + (at - below) * (sorted[above] - sorted[below])));
        }
        double topStart = quantiles.get(points - 2);
        double topMean = java.util.Arrays.stream(sorted).filter(t -> t >= topStart).average().orElse(topStart);
        quantiles.add((double) Math.round(Math.max(topStart, 2 * topMean - topStart)));
        return new CostDistribution(EMPIRICAL, 0, 0, 0, quantiles);
    }

    /** No stage visit takes a second: a larger figure is a typo (a unit, or a power of ten). */
    public static final double MAX_NS = 1e9;
    /** A log-normal's sigma above this puts p99 beyond ten thousand medians: not a stage's cost. */
    public static final double MAX_LOGNORMAL_SIGMA = 4;
    /** The gamma shapes a stage's cost may take, from a near-exponential tail to near-constant. */
    public static final double MIN_GAMMA_SHAPE = 0.05;
    public static final double MAX_GAMMA_SHAPE = 10_000;

    public CostDistribution {
        switch (family) {
            case LOGNORMAL -> {
                require(medianNs > 0 && medianNs <= MAX_NS, "medianNs",
                        "medianNs must be > 0 and at most " + (long) MAX_NS + " for a lognormal, not " + medianNs);
                require(shape > 0 && shape <= MAX_LOGNORMAL_SIGMA, "shape",
                        "shape (sigma) must be > 0 and at most " + MAX_LOGNORMAL_SIGMA + " for a lognormal, not " + shape);
            }
            case GAMMA -> {
                require(meanNs > 0 && meanNs <= MAX_NS, "meanNs",
                        "meanNs must be > 0 and at most " + (long) MAX_NS + " for a gamma, not " + meanNs);
                require(shape >= MIN_GAMMA_SHAPE && shape <= MAX_GAMMA_SHAPE, "shape", "shape (k) must be from "
                        + MIN_GAMMA_SHAPE + " to " + (long) MAX_GAMMA_SHAPE + " for a gamma, not " + shape);
            }
            case CONSTANT -> require(medianNs >= 0 && medianNs <= MAX_NS, "medianNs",
                    "medianNs must be from 0 to " + (long) MAX_NS + " for a constant, not " + medianNs);
            case EMPIRICAL -> {
                require(quantilesNs != null && quantilesNs.size() >= 2, "quantilesNs",
                        "an empirical distribution needs at least two quantilesNs");
                for (int i = 0; i < quantilesNs.size(); i++) {
                    Double q = quantilesNs.get(i);
                    require(q != null && q >= 0 && q <= MAX_NS && (i == 0 || q >= quantilesNs.get(i - 1)),
                            "quantilesNs[" + i + "]", "quantilesNs must be numbers from 0 to " + (long) MAX_NS
                                    + ", ascending, not " + q);
                }
            }
            default -> throw new InvalidValue("family",
                    "unknown family '" + family + "' (expected lognormal, gamma, constant or empirical)");
        }
    }

    public static CostDistribution lognormal(double medianNs, double sigma) {
        return new CostDistribution(LOGNORMAL, medianNs, 0, sigma);
    }

    public static CostDistribution constant(double ns) {
        return new CostDistribution(CONSTANT, ns, 0, 0);
    }

    /** The distribution's mean in nanoseconds. */
    public double mean() {
        return switch (family) {
            case LOGNORMAL -> medianNs * Math.exp(shape * shape / 2);
            case GAMMA -> meanNs;
            case EMPIRICAL -> {
                double sum = 0; // the mean of the piecewise-linear quantile function
                for (int i = 1; i < quantilesNs.size(); i++) {
                    sum += (quantilesNs.get(i - 1) + quantilesNs.get(i)) / 2;
                }
                yield sum / (quantilesNs.size() - 1);
            }
            default -> medianNs;
        };
    }

    /**
     * This empirical distribution with every time multiplied by {@code factor}, then {@code shiftNs}
     * added (not below 0).
     *
     * @throws IllegalStateException if the distribution is not empirical
     */
    public CostDistribution scaled(double factor, double shiftNs) {
        if (!family.equals(EMPIRICAL)) {
            throw new IllegalStateException("only an empirical distribution is scaled point by point, not " + family);
        }
        return new CostDistribution(family, medianNs, meanNs, shape, quantilesNs.stream()
                .map(q -> Math.max(0, q * factor + shiftNs)).toList());
    }

    /** A sampler drawing from {@code random}; null for a constant, which needs no draws. */
    RealDistribution sampler(RandomGenerator random) {
        return switch (family) {
            case LOGNORMAL -> new LogNormalSampler(random, Math.log(medianNs), shape);
            case GAMMA -> new GammaDistribution(random, shape, meanNs / shape,
                    GammaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
            case EMPIRICAL -> new QuantileDistribution(random, quantilesNs);
            default -> null;
        };
    }

    private static void require(boolean condition, String field, String message) {
        InvalidValue.require(condition, field, message);
    }
}
