package org.stacklab.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.Comparison;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.ScenarioException;

class StackModelTest {

    @Test
    void theSameSeedGivesByteIdenticalJson() throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        String first = Json.write(Comparison.simulate(loaded));
        String second = Json.write(Comparison.simulate(LoadedScenario.load("default")));
        assertEquals(first, second);
        String otherSeed = Json.write(Comparison.simulate(loaded.scenarioWithSeed(2)));
        assertNotEquals(first, otherSeed);
    }

    @Test
    void theSameSeedGivesTheSameTrace() throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        var mode = loaded.modes().get(1);
        assertEquals(ModeRun.simulate(loaded, mode, 5).trace(), ModeRun.simulate(loaded, mode, 5).trace());
    }

    @Test
    void defaultScenarioPutsSidecarAtTwoToFourTimesDirect() throws ScenarioException {
        Comparison comparison = Comparison.simulate(LoadedScenario.load("default"));
        double ratio = comparison.ratios().get("sidecar").get("p50");
        assertTrue(ratio >= 2 && ratio <= 4, "sidecar ÷ direct p50 = " + ratio);
        assertTrue(comparison.ratios().get("sockmap").get("p50") < 1, "sockmap is faster than direct in ping-pong");
    }

    @Test
    void openLoopLatencyGrowsWithLoad() throws ScenarioException {
        LoadedScenario light = LoadedScenario.load("open-loop");
        var sidecar = light.modes().get(1);
        RunReport atTenThousand = ModeRun.simulate(light, sidecar, 0).report();
        var heavier = new LoadedScenario(light.scenario().withWorkload(new org.stacklab.sim.workload.Workload(
                org.stacklab.sim.workload.Workload.Pattern.OPEN_LOOP, 1, 18_000.0, 20_000L, 1024, 1024, false)),
                light.source(), light.profile(), light.modes());
        RunReport atEighteenThousand = ModeRun.simulate(heavier, sidecar, 0).report();
        assertTrue(atEighteenThousand.latencyUs().p99() > atTenThousand.latencyUs().p99(),
                "queueing for the cores shows at the tail");
    }

    @Test
    void newConnectionsAddThreeHandshakeTripsPerHop() throws ScenarioException {
        Comparison comparison = Comparison.simulate(LoadedScenario.load("new-connections"));
        for (RunReport run : comparison.runs()) {
            double hops = run.path().size();
            assertEquals(3 * hops, run.traversalsPerRequest().tcpIp().get("connect"), run.mode());
        }
    }
}
