package org.stacklab.probe.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void theHostsShareIsItsStealOverEveryStatesTime() {
        MachineCpu before = new MachineCpu(5_000, 1_000, 20_000);
        MachineCpu after = new MachineCpu(9_000, 1_800, 24_000);
        MachineCpu during = after.since(before);
        assertEquals(new MachineCpu(4_000, 800, 4_000), during);
        assertEquals(0.2, during.stolenShare(), 1e-12);
        assertEquals(0.1, during.plus(new MachineCpu(0, 0, 4_000)).stolenShare(), 1e-12);
        assertEquals(0, new MachineCpu(0, 0, 0).stolenShare(), "no time, no share");
    }

    @Test
    void procStatIsReadWithStealInsideTheBusyTimeAndBothInsideEveryStates() throws Exception {
        MachineCpu first = MachineCpu.sinceBoot();
        assertNotNull(first, "/proc/stat is readable on Linux");
        long spinUntil = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        Thread.sleep(30);
        MachineCpu during = MachineCpu.sinceBoot().since(first);
        assertTrue(during.stolenNs() >= 0 && during.stolenNs() <= during.busyNs(), during.toString());
        assertTrue(during.busyNs() > 0, "a 50 ms spin is busy time: " + during);
        assertTrue(during.busyNs() <= during.allNs(), during.toString());
        double share = during.stolenShare();
        assertTrue(share >= 0 && share <= 1, during.toString());
    }
}
