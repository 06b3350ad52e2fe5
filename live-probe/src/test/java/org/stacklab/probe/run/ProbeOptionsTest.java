package org.stacklab.probe.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeOptionsTest {

    private static final MachineCpu TENTH_STOLEN = new MachineCpu(500, 100, 1_000);

    @Test
    void aTurnTheHostTookTooMuchOfIsMeasuredAgainWhileTriesAreLeft() {
        ProbeOptions options = ProbeOptions.full().withMaxStolenShare(0.05);
        assertTrue(options.remeasure(TENTH_STOLEN, 0));
        assertTrue(options.remeasure(TENTH_STOLEN, ProbeOptions.REMEASURES - 1));
        assertFalse(options.remeasure(TENTH_STOLEN, ProbeOptions.REMEASURES), "the last try is kept");
        assertFalse(options.remeasure(new MachineCpu(500, 40, 1_000), 0), "4 % is within 5 %");
        assertFalse(options.remeasure(null, 0), "unknown steal: measured once");
    }

    @Test
    void byDefaultEveryTurnIsMeasuredOnce() {
        assertFalse(ProbeOptions.full().remeasure(new MachineCpu(1_000, 1_000, 1_000), 0));
        assertThrows(IllegalArgumentException.class, () -> ProbeOptions.full().withMaxStolenShare(1.5));
    }
}
