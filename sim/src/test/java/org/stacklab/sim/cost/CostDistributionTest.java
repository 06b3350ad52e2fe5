package org.stacklab.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class CostDistributionTest {

    /** Wake-ups as a VM gives them: two humps, and now and then a stall of milliseconds. */
    private static double[] twoHumpsAndStalls() {
        Well19937c random = new Well19937c(3);
        double[] times = new double[4000];
        for (int i = 0; i < times.length; i++) {
            times[i] = (random.nextDouble() < 0.9 ? 9_400 : 22_000) + random.nextGaussian() * 300;
        }
        times[17] = 4_000_000;
        times[1234] = 2_500_000;
        return times;
    }

    @Test
    void anEmpiricalDistributionKeepsTheMeasuredMedianTailAndMean() {
        double[] times = twoHumpsAndStalls();
        CostDistribution empirical = CostDistribution.empirical(times, 101);
        double mean = Arrays.stream(times).average().orElseThrow();
        assertEquals(mean, empirical.mean(), mean * 0.02, "rare stalls weigh what they weighed among the times");

        RealDistribution sampler = empirical.sampler(new Well19937c(5));
        double[] drawn = sampler.sample(200_000);
        Arrays.sort(drawn);
        assertEquals(9_400, drawn[drawn.length / 2], 300, "median");
        assertTrue(drawn[(int) (drawn.length * 0.95)] > 20_000, "the second hump: " + drawn[(int) (drawn.length * 0.95)]);
        assertEquals(mean, Arrays.stream(drawn).average().orElseThrow(), mean * 0.05, "mean of the draws");
    }

    @Test
    void scalingAndShiftingKeepsTheOrderAndNeverGoesBelowZero() {
        CostDistribution d = new CostDistribution(CostDistribution.EMPIRICAL, 0, 0, 0, List.of(100.0, 200.0, 1000.0));
        CostDistribution moved = d.scaled(0.5, -80);
        assertEquals(List.of(0.0, 20.0, 420.0), moved.quantilesNs());
        assertEquals((10 + 220) / 2.0, moved.mean(), 1e-9);
    }

    @Test
    void quantilesMustAscend() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CostDistribution(CostDistribution.EMPIRICAL, 0, 0, 0, List.of(5.0, 3.0)));
        assertTrue(e.getMessage().contains("ascending"), e.getMessage());
    }
}
