package org.stacklab.sim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.cost.HaltPolling;

/** Halt polling read off a ping-pong's wake-ups, one after another. */
class HaltPollingFitTest {

    /**
     * Round trips of two wake-ups each, quick (9–15 µs) or slow (150–300 µs), where a wake-up is slow one time in
     * fifty after a quick one and nine in ten after a slow one.
     */
    private static List<List<Long>> runsOfSlowWakeUps(long seed, int trips) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Long>> byPosition = List.of(new ArrayList<>(), new ArrayList<>());
        boolean slow = false;
        for (int trip = 0; trip < trips; trip++) {
            for (List<Long> position : byPosition) {
                slow = random.nextDouble() < (slow ? 0.9 : 0.02);
                position.add(slow ? random.nextLong(150_000, 300_000) : random.nextLong(9_000, 15_000));
            }
        }
        return byPosition;
    }

    @Test
    void theSharesSlowAfterAQuickAndAfterASlowWakeUpAreThoseWithinAndBeyondTheWindow() {
        HaltPollingFit fit = HaltPollingFit.of(List.of(runsOfSlowWakeUps(1, 5_000), runsOfSlowWakeUps(2, 5_000)));
        HaltPolling polling = fit.polling();
        assertTrue(polling.slowWakeNs() > 15_000 && polling.slowWakeNs() <= 150_000,
                "the slow hump begins between the humps: " + polling.slowWakeNs());
        assertEquals(0.02, polling.slowWithin(), 0.005);
        assertEquals(0.9, polling.slowBeyond(), 0.02);
        assertEquals(HaltPollingFit.WINDOW_NS, polling.windowNs());
        assertTrue(fit.why().contains("halt-polling window of 150 µs"), fit.why());
    }

    @Test
    void wakeUpsOfOneHumpLeaveTheProfileAsItWas() {
        SplittableRandom random = new SplittableRandom(3);
        List<Long> quick = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            quick.add(random.nextLong(9_000, 15_000));
        }
        assertNull(HaltPollingFit.of(List.of(List.of(quick))).polling());
        assertNull(HaltPollingFit.of(List.of()).polling(), "no wake-ups measured");
    }
}
