package org.stacklab.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.io.InvalidValue;

class TimerCostTest {

    /** Lateness evenly from {@code from} to {@code to} µs, in 101 quantiles. */
    private static CostDistribution evenly(double fromUs, double toUs) {
        return new CostDistribution(CostDistribution.EMPIRICAL, 0, 0, 0,
                IntStream.rangeClosed(0, 100).mapToObj(i -> 1e3 * (fromUs + (toUs - fromUs) * i / 100)).toList());
    }

    @Test
    void twoMeasurementsPoolTheirLatenessAlikeAndTakeTheirCpusMiddle() {
        TimerCost quiet = new TimerCost(evenly(0, 100), 4_000);
        TimerCost stormy = new TimerCost(evenly(100, 200), 8_000);

        TimerCost pooled = TimerCost.pooled(List.of(quiet, stormy));
        assertEquals(101, pooled.lateness().quantilesNs().size());
        assertEquals(100, pooled.latenessUs(0.5), 1, "half the points from each");
        assertEquals(0, pooled.latenessUs(0), 1e-9);
        assertEquals(6_000, pooled.cpuNs(), "the median of two: their middle");
        assertEquals(quiet, TimerCost.pooled(List.of(quiet)), "one measurement pools as itself");
    }

    @Test
    void latenessIsMeasuredQuantilesAndCpuABoundedTime() {
        InvalidValue notEmpirical = assertThrows(InvalidValue.class,
                () -> new TimerCost(CostDistribution.lognormal(30_000, 0.5), 4_000));
        assertTrue(notEmpirical.getMessage().contains("empirical"), notEmpirical.getMessage());
        assertThrows(InvalidValue.class, () -> new TimerCost(evenly(0, 1), -1));
    }
}
