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
        return new IdleWakeMeasurement(extra, null);
    }

    @Test
    void theSlowSharesAndWhereTheyTurnAreReadOffTheRoundTrips() {
        IdleWakeMeasurement m = measured(0.02, 0.02, 0.05, 0.15, 0.3, 0.45, 0.51, 0.91);
        assertEquals(0.15, m.slowShare(100_000), 1e-9);
        assertEquals(300_000, m.windowEndNs(), "halfway from 2 % to 91 %: the first at 46.5 % or more");
        assertTrue(m.summary().contains("slow 2 % of the time after 0 µs idle, 91 % after 1,000 µs, halfway at 300 µs"),
                m.summary());
        assertEquals(-1, measured(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1).windowEndNs(), "no window to see");
        assertEquals(null, m.crossBusyFactor(), "no busy block measured: nothing said of it");
    }

    @Test
    void theBusyBlockSaysWhatACrossingOntoABusyCpuCostsBesideAnIdleOne() {
        IdleWakeMeasurement idle = measured(0.0, 0.5);
        IdleWakeMeasurement m = new IdleWakeMeasurement(idle.extraNs(), List.of(9_000L, 10_000L, 11_000L));
        assertEquals(0.5, m.crossBusyFactor(), 1e-9, "10 µs busy against 20 µs just idle");
        assertTrue(m.summary().contains("with both CPUs busy 10.0 µs at p50, 0.50 times the shortest idle's"),
                m.summary());
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
        Recording busy = Recording.of("default", List.of(), Map.of(), null,
                new IdleWakeMeasurement(measured(0.02).extraNs(), List.of(12_000L)));
        Files.writeString(file, Json.write(busy));
        assertEquals(busy.idleWake(), Recording.read(file).idleWake(), "its busy block kept too");
        Files.writeString(file, Json.write(busy).replaceFirst("\"busyExtraNs\" : \\[[^]]*]", "\"busyExtraNs\" : []"));
        e = assertThrows(ScenarioException.class, () -> Recording.read(file));
        assertEquals("idleWake.busyExtraNs", e.field(), e.getMessage());
    }
}
