package org.stacklab.sim.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The base time of a stage, before its per-byte and per-rule parts: a log-normal given by its
 * median and shape, a gamma given by its mean and shape, or a constant.
 *
 * @param family    {@code lognormal}, {@code gamma} or {@code constant}
 * @param medianNs  the median (log-normal) or the value (constant)
 * @param meanNs    the mean (gamma)
 * @param shape     sigma of the underlying normal (log-normal) or k (gamma)
 */
public record CostDistribution(String family, double medianNs, double meanNs, double shape) {

    public static final String LOGNORMAL = "lognormal";
    public static final String GAMMA = "gamma";
    public static final String CONSTANT = "constant";

    @JsonCreator
    public CostDistribution(@JsonProperty(value = "family", required = true) String family,
                            @JsonProperty("medianNs") Double medianNs,
                            @JsonProperty("meanNs") Double meanNs,
                            @JsonProperty("shape") Double shape) {
        this(family, medianNs == null ? 0 : medianNs, meanNs == null ? 0 : meanNs, shape == null ? 0 : shape);
    }

    public CostDistribution {
        switch (family) {
            case LOGNORMAL -> {
                require(medianNs > 0, "medianNs must be > 0 for a lognormal");
                require(shape > 0, "shape (sigma) must be > 0 for a lognormal");
            }
            case GAMMA -> {
                require(meanNs > 0, "meanNs must be > 0 for a gamma");
                require(shape > 0, "shape (k) must be > 0 for a gamma");
            }
            case CONSTANT -> require(medianNs >= 0, "medianNs must be >= 0 for a constant");
            default -> throw new IllegalArgumentException(
                    "unknown family '" + family + "' (expected lognormal, gamma or constant)");
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
            default -> medianNs;
        };
    }

    /** A sampler drawing from {@code random}; null for a constant, which needs no draws. */
    RealDistribution sampler(RandomGenerator random) {
        return switch (family) {
            case LOGNORMAL -> new LogNormalDistribution(random, Math.log(medianNs), shape,
                    LogNormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
            case GAMMA -> new GammaDistribution(random, shape, meanNs / shape,
                    GammaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
            default -> null;
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
