package org.stacklab.probe.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.scenario.ScenarioException;

/** How idle CPUs woke, as a recording keeps and reads it: its slow shares, where it turns, and a damaged one. */
class IdleWakeMeasurementTest {

    @TempDir
    Path dir;

    /** Quick (20 µs) round trips, and at each idle time a share of slow ones (300 µs). */
    private static IdleWakeMeasurement measured(double... slowShares) {
        Map<Long, List<Long>> extra = new LinkedHashMap<>();
        for (int i = 0; i < slowShares.length; i++) {
            List<Long> times = new java.util.ArrayList<>();
            for (int k = 0; k < 100; k++) {
                times.add(k < 100 * slowShares[i] ? 300_000L : 20_000L);
            }
            extra.put(IdleWakeMeasurement.IDLE_US.get(i) * 1000, times);
        }
        return new IdleWakeMeasurement(extra);
    }

    @Test
    void theSlowSharesAndWhereTheyTurnAreReadOffTheRoundTrips() {
        IdleWakeMeasurement m = measured(0.02, 0.02, 0.05, 0.15, 0.3, 0.45, 0.51, 0.91);
        assertEquals(0.15, m.slowShare(100_000), 1e-9);
        assertEquals(300_000, m.windowEndNs(), "halfway from 2 % to 91 %: the first at 46.5 % or more");
        assertTrue(m.summary().contains("slow 2 % of the time after 0 µs idle, 91 % after 1,000 µs, halfway at 300 µs"),
                m.summary());
        assertEquals(-1, measured(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1).windowEndNs(), "no window to see");
    }

    @Test
    void aRecordingKeepsItAndADamagedOneIsNamedAtItsField() throws Exception {
        Recording recording = Recording.of("default", List.of(), Map.of(), null, measured(0.02, 0.5));
        Path file = dir.resolve("r.json");
        Files.writeString(file, Json.write(recording));
        assertEquals(recording.idleWake(), Recording.read(file).idleWake());
        Files.writeString(file, Json.write(recording).replaceFirst("\"extraNs\" : \\{[^}]*}", "\"extraNs\" : {}"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> Recording.read(file));
        assertEquals("idleWake.extraNs", e.field(), e.getMessage());
    }
}
