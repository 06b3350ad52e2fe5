package org.stacklab.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.path.Step;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.Comparison;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.stack.Stage;

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
            assertEquals(3 * hops, run.handshakeTcpIpTripsPerRequest(), run.mode());
        }
    }

    /** Each request's context switches: their service times, one list per request. */
    private static Map<Long, List<Long>> switchesByRequest(LoadedScenario loaded,
            CostProfile profile) {
        var sidecar = loaded.modes().get(1);
        var workload = loaded.scenario().workload();
        Map<Long, List<Long>> switches = new HashMap<>();
        VisitListener listener = new VisitListener() {
            @Override
            public void visit(long request, Step step, int cpu, long enterNs, long exitNs,
                              long serviceNs) {
                if (step.stage() == Stage.CTX_SWITCH && request > 0) {
                    switches.computeIfAbsent(request, r -> new ArrayList<>()).add(serviceNs);
                }
            }

            @Override
            public void completed(long request, long startNs, long endNs) {
            }
        };
        new StackModel(new PathProgram(sidecar, workload.requestBytes(), workload.responseBytes(),
                false), profile, workload, loaded.scenario().cpus(), 7, listener).run();
        return switches;
    }

    @Test
    void switchesDrawnTogetherKeepTheirDistributionButSpreadTheRoundTrip() throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        var independent = loaded.profile();
        var together = new CostProfile(independent.name(), independent.description(),
                independent.stages(), independent.contextFactors(), independent.contextStages(), 0.6);
        var apart = switchesByRequest(loaded, independent);
        var joint = switchesByRequest(loaded, together);

        var eachApart = new DescriptiveStatistics();
        var eachJoint = new DescriptiveStatistics();
        var tripApart = new DescriptiveStatistics();
        var tripJoint = new DescriptiveStatistics();
        apart.values().forEach(list -> {
            list.forEach(eachApart::addValue);
            tripApart.addValue(list.stream().mapToLong(Long::longValue).sum());
        });
        joint.values().forEach(list -> {
            list.forEach(eachJoint::addValue);
            tripJoint.addValue(list.stream().mapToLong(Long::longValue).sum());
        });
        assertEquals(eachApart.getPercentile(50), eachJoint.getPercentile(50), 0.03 * eachApart.getPercentile(50),
                "a switch's median stays");
        assertEquals(eachApart.getPercentile(90), eachJoint.getPercentile(90), 0.03 * eachApart.getPercentile(90),
                "a switch's p90 stays");
        assertTrue(tripJoint.getVariance() > 2 * tripApart.getVariance(), "a round trip's six switches spread: "
                + tripJoint.getVariance() + " vs " + tripApart.getVariance());
        assertEquals(joint, switchesByRequest(loaded, together), "the same seed draws the same switches");
    }
}
