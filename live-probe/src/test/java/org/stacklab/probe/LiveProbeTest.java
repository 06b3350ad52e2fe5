package org.stacklab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stacklab.probe.lab.Cgroups;
import org.stacklab.probe.lab.Commands;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.ProbeRun;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.run.LoadedScenario;

/** Each mode measured for real, end to end, as root: the kernel's counts must equal the model's. */
class LiveProbeTest {

    private static LoadedScenario scenario;

    @BeforeAll
    static void live() throws Exception {
        LiveAssumptions.requireLive();
        scenario = LoadedScenario.load("default");
    }

    private static Mode mode(String name) {
        return scenario.modes().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "sidecar", "sockmap", "sidecar+sockmap"})
    void crossingsCountedInTheKernelEqualTheModels(String name) throws Exception {
        String hostRulesBefore = Commands.run("iptables-save");
        LiveMeasurement m = ProbeRun.measure(scenario, mode(name), 2000, true, false);

        assertEquals(2000, m.roundTrips());
        assertTrue(m.latencyUs().p50() > 0);
        assertEquals(0, m.droppedEvents(), "no path-probe event was lost");
        assertTrue(m.measured().agreesWith(m.predicted()), "measured " + m.measured() + " vs model " + m.predicted());
        assertTrue(m.timedRoundTrips() >= 1990, "the probe followed the segments of " + m.timedRoundTrips() + " round trips");
        m.simulatedSegmentsUs().forEach((segment, simulated) -> assertEquals(simulated > 0,
                m.measuredSegmentsUs().get(segment) > 0, segment + ": the kernel and the model cross the same segments"));
        assertEquals(hostRulesBefore, Commands.run("iptables-save"), "the host's own iptables rules are untouched");
        assertNothingLeft();
    }

    static void assertNothingLeft() throws Exception {
        assertTrue(Commands.run("ip", "netns", "list").lines().noneMatch(l -> l.startsWith("sl-")),
                "no lab namespace is left");
        Path root = Cgroups.root().orElseThrow();
        try (var dirs = Files.list(root)) {
            assertTrue(dirs.noneMatch(d -> d.getFileName().toString().startsWith("stacklab-")), "no lab cgroup is left");
        }
    }
}
