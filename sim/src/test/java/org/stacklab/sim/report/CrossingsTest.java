package org.stacklab.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.trace.StageVisit;

class CrossingsTest {

    /** The report's figures and a count along the trace, the lab's way, are one definition: they agree for every mode. */
    @Test
    void aTraceCountedVisitByVisitGivesTheReportsCrossings() throws Exception {
        LoadedScenario loaded = LoadedScenario.resolve(LoadedScenario.load("new-connections").scenario()
                .withModes(Catalog.BUILT_IN_MODES.stream().map(Reference::of).toList()), "new-connections");
        for (Mode mode : loaded.modes()) {
            ModeRun run = ModeRun.simulate(loaded, mode, Long.MAX_VALUE);
            Crossings.Counter counter = new Crossings.Counter();
            for (StageVisit v : run.trace()) {
                counter.visit(v.direction(), v.stage(), v.device());
            }
            assertEquals(run.report().crossingsPerRequest(), counter.perRoundTrip(run.report().requests()), mode.name());
            assertTrue(run.report().handshakeTcpIpTripsPerRequest() > 0, mode.name() + ": set-up is counted apart");
        }
    }

    @Test
    void crossingsAgreeToATenthPerRoundTrip() {
        Crossings sidecar = new Crossings(6, 4, 4, 0, 0);
        assertTrue(sidecar.agreesWith(new Crossings(6.05, 4, 3.95, 0, 0)));
        assertFalse(sidecar.agreesWith(new Crossings(6, 4, 4, 0.1, 0)), "a redirect too many");
    }

    @Test
    void segmentTimesReadAndWriteAsFilesNameThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SegmentTimes times = json.readValue("{\"proxy\": 4.5, \"wakeup\": 20}", SegmentTimes.class);
        assertEquals(4.5, times.us(Segment.PROXY));
        assertEquals(0.0, times.us(Segment.QUEUE), "a segment left out took no time");
        assertEquals(24.5, times.total());
        assertEquals(times, json.readValue(json.writeValueAsString(times), SegmentTimes.class));
        InvalidValue unknown = assertThrows(InvalidValue.class, () -> SegmentTimes.read(Map.of("user", 1.0)));
        assertEquals("user", unknown.field());
        assertTrue(unknown.getMessage().contains("unknown segment 'user'"), unknown.getMessage());
        assertEquals("send", assertThrows(InvalidValue.class, () -> SegmentTimes.read(Map.of("send", -1.0))).field());
    }
}
