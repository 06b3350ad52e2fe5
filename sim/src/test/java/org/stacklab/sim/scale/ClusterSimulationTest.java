package org.stacklab.sim.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;

class ClusterSimulationTest {

    private static final ClusterSimulation.Shape SMALL = new ClusterSimulation.Shape(6, 8, 200, 0.5, 2);

    private static Mode mode(LoadedScenario loaded, String name) {
        return loaded.modes().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theSameSeedGivesTheSameClusterOnOneThreadOrTwo() throws Exception {
        LoadedScenario loaded = LoadedScenario.load("default");
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        ClusterSimulation.Result one = ClusterSimulation.run(loaded, mode(loaded, "sidecar"), SMALL, 1, n -> { });
        ClusterSimulation.Result two = ClusterSimulation.run(loaded, mode(loaded, "sidecar"), SMALL, 2, done::add);
        assertEquals(Json.write(one.report()), Json.write(two.report()));
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), done, "every node reported once done");
        ClusterSimulation.Result otherSeed = ClusterSimulation.run(loaded.scenarioWithSeed(2), mode(loaded, "sidecar"),
                SMALL, 2, n -> { });
        assertNotEquals(one.report().latencyUs(), otherSeed.report().latencyUs(), "the seed matters");
    }

    @Test
    void everyPodsRequestsCompleteAlongTheModesPath() throws Exception {
        LoadedScenario loaded = LoadedScenario.load("default");
        for (String name : new String[] {"direct", "sidecar", "sockmap"}) {
            ClusterSimulation.Result cluster = ClusterSimulation.run(loaded, mode(loaded, name), SMALL, 2, n -> { });
            RunReport report = cluster.report();
            long expected = Math.round(SMALL.nodes() * SMALL.podsPerNode() / 2 * SMALL.rpsPerPod() * SMALL.seconds());
            assertEquals(expected, report.requests(), name);
            assertEquals(0, report.inFlight(), name);
            double rate = SMALL.nodes() * SMALL.podsPerNode() / 2 * SMALL.rpsPerPod();
            assertEquals(rate, report.requestsPerSecond(), rate * 0.1, name + ": the cluster's rate");
            // Pods side by side cross the same stack as the lab's single pair does.
            RunReport single = ModeRun.simulate(loaded, mode(loaded, name), 0).report();
            assertEquals(single.crossingsPerRequest(), report.crossingsPerRequest(), name);
        }
    }

    @Test
    void aNodeKeptBusyByManyPodsIsSlowerThanAnIdleOne() throws Exception {
        LoadedScenario loaded = LoadedScenario.load("default");
        ClusterSimulation.Shape quiet = new ClusterSimulation.Shape(2, 2, 100, 1, 2);
        ClusterSimulation.Shape busy = new ClusterSimulation.Shape(2, 40, 1000, 0.2, 2);
        double quietP90 = ClusterSimulation.run(loaded, mode(loaded, "sidecar"), quiet, 2, n -> { })
                .report().latencyUs().p90();
        double busyP90 = ClusterSimulation.run(loaded, mode(loaded, "sidecar"), busy, 2, n -> { })
                .report().latencyUs().p90();
        assertTrue(busyP90 > quietP90 * 1.2, "pods share the node's cores: " + quietP90 + " vs " + busyP90);
    }

    @Test
    void aShapeSaysWhichFieldIsWrong() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> new ClusterSimulation.Shape(1, 3, 100, 1, 2));
        assertTrue(odd.getMessage().startsWith("pods per node"), odd.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterSimulation.Shape(0, 2, 100, 1, 2))
                .getMessage().startsWith("nodes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterSimulation.Shape(1, 2, 100, 0, 2))
                .getMessage().startsWith("seconds"));
    }
}
