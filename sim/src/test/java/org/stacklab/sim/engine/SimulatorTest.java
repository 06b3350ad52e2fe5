package org.stacklab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    @Test
    void eventsFireInTimeOrderAndTiesInSchedulingOrder() {
        Simulator sim = new Simulator();
        List<String> fired = new ArrayList<>();
        int h = sim.register(arg -> fired.add(sim.now() + ":" + arg));
        sim.schedule(30, h, 1);
        sim.schedule(10, h, 2);
        sim.schedule(30, h, 3);
        sim.schedule(10, h, 4);
        sim.schedule(0, h, 5);
        sim.run();
        assertEquals(List.of("0:5", "10:2", "10:4", "30:1", "30:3"), fired);
    }

    @Test
    void manyRandomEventsComeOutSorted() {
        Simulator sim = new Simulator();
        Random random = new Random(7);
        long[] last = {-1};
        int h = sim.register(arg -> {
            assertTrue(sim.now() >= last[0], "time went backwards");
            last[0] = sim.now();
            if (arg > 0) {
                sim.schedule(random.nextInt(1000), 0, arg - 1);
            }
        });
        for (int i = 0; i < 5000; i++) {
            sim.schedule(random.nextInt(100_000), h, 3);
        }
        sim.run();
        assertEquals(20_000, sim.eventsFired());
    }

    @Test
    void stepFiresOneEventAtATime() {
        Simulator sim = new Simulator();
        int[] count = {0};
        int h = sim.register(arg -> count[0]++);
        sim.schedule(5, h, 0);
        sim.schedule(9, h, 0);
        assertTrue(sim.step());
        assertEquals(1, count[0]);
        assertEquals(5, sim.now());
        assertTrue(sim.step());
        assertFalse(sim.step());
        assertEquals(2, count[0]);
    }

    @Test
    void runUntilStopsAtTheGivenTime() {
        Simulator sim = new Simulator();
        int[] count = {0};
        int h = sim.register(arg -> count[0]++);
        sim.schedule(5, h, 0);
        sim.schedule(15, h, 0);
        sim.runUntil(10);
        assertEquals(1, count[0]);
        assertEquals(10, sim.now());
        assertEquals(1, sim.pendingEvents());
    }

    @Test
    void negativeDelaysAreRefused() {
        Simulator sim = new Simulator();
        int h = sim.register(arg -> { });
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, h, 0));
    }
}
