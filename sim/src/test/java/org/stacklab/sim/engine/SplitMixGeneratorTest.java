package org.stacklab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class SplitMixGeneratorTest {

    /** A million normal deviates: standard normal by Kolmogorov-Smirnov, the tails' weight as they should be. */
    @Test
    void theZigguratDrawsTheStandardNormal() {
        SplitMixGenerator random = new SplitMixGenerator(42);
        double[] draws = new double[1_000_000];
        double sum = 0;
        double squares = 0;
        int beyondThree = 0;
        int beyondFour = 0;
        for (int i = 0; i < draws.length; i++) {
            double z = random.nextGaussian();
            draws[i] = z;
            sum += z;
            squares += z * z;
            beyondThree += Math.abs(z) > 3 ? 1 : 0;
            beyondFour += Math.abs(z) > 4 ? 1 : 0;
        }
        double n = draws.length;
        assertEquals(0, sum / n, 0.005);
        assertEquals(1, squares / n, 0.005);
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1),
                java.util.Arrays.copyOf(draws, 100_000));
        assertTrue(pValue > 0.001, "KS p = " + pValue);
        assertEquals(2700, beyondThree, 300, "P(|Z| > 3) = 0.27 %"); // the layers' edges and the base's tail
        assertEquals(63, beyondFour, 30, "P(|Z| > 4) = 0.0063 %");
    }

    @Test
    void theSameSeedGivesTheSameSequence() {
        SplitMixGenerator a = new SplitMixGenerator(7);
        SplitMixGenerator b = new SplitMixGenerator(7);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextGaussian(), b.nextGaussian());
            assertEquals(a.nextDouble(), b.nextDouble());
        }
        double u = new SplitMixGenerator(1).nextDouble();
        assertTrue(u >= 0 && u < 1);
    }
}
