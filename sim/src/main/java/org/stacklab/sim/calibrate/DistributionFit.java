package org.stacklab.sim.calibrate;

import java.util.Arrays;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.stacklab.sim.cost.CostDistribution;

/**
 * Fits a stage's measured times: a log-normal by maximum likelihood (the mean and deviation of
 * the logs), a gamma by maximum likelihood (Minka's approximation for the shape), and keeps the
 * one whose Kolmogorov–Smirnov distance to the sample is smaller.
 *
 * @param distribution the chosen family with its parameters, in ns
 * @param ksDistance   the Kolmogorov–Smirnov statistic D of the chosen fit
 * @param samples      how many times were fitted
 */
public record DistributionFit(CostDistribution distribution, double ksDistance, int samples) {

    /** Fits positive times in nanoseconds; at least 10 are needed. */
    public static DistributionFit of(double[] timesNs) {
        double[] x = Arrays.stream(timesNs).filter(t -> t > 0).toArray();
        if (x.length < 10) {
            throw new IllegalArgumentException("at least 10 positive times are needed to fit, not " + x.length);
        }
        double[] logs = Arrays.stream(x).map(Math::log).toArray();
        double mu = new Mean().evaluate(logs);
        double sigma = Math.max(1e-3, new StandardDeviation(false).evaluate(logs));
        CostDistribution lognormal = CostDistribution.lognormal(Math.exp(mu), sigma);

        double mean = new Mean().evaluate(x);
        double s = Math.log(mean) - mu;
        double shape = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
        CostDistribution gamma = new CostDistribution(CostDistribution.GAMMA, 0, mean, Math.max(1e-3, shape));

        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double dLognormal = ks.kolmogorovSmirnovStatistic(
                new LogNormalDistribution(null, mu, sigma, LogNormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY), x);
        RealDistribution g = new GammaDistribution(null, gamma.shape(), mean / gamma.shape(),
                GammaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
        double dGamma = ks.kolmogorovSmirnovStatistic(g, x);
        return dLognormal <= dGamma ? new DistributionFit(lognormal, dLognormal, x.length)
                : new DistributionFit(gamma, dGamma, x.length);
    }
}
