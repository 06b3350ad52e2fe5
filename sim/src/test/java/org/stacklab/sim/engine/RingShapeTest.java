package org.stacklab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RingShapeTest {

    /** Each token walks at a stage's mean pace: its events are spaced 2,000 ns apart on average. */
    @Test
    void theRingRunsItsEventsAtTheMeanPaceAndRepeatsForASeed() {
        long events = 2_000_000;
        long end = RingShape.STANDARD.run(events, 7);
        double perToken = events / (double) RingShape.STANDARD.tokens();
        assertEquals(perToken * RingShape.STANDARD.meanNs(), end, 0.02 * perToken * RingShape.STANDARD.meanNs());
        assertEquals(end, RingShape.STANDARD.run(events, 7), "the same seed, the same run");
        assertNotEquals(end, RingShape.STANDARD.run(events, 8));
        assertTrue(new RingShape(1, 3, 10).run(10, 1) > 0);
    }
}
