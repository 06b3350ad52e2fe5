package org.stacklab.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.run.StepThrough;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.trace.StageVisit;

class StepThroughTest {

    @Test
    void steppingForwardAndBackFollowsTheTrace() throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        LoadedScenario small = loaded.scenarioWithSeed(3);
        small = new LoadedScenario(small.scenario().withWorkload(small.scenario().workload().withRequests(3)),
                small.source(), small.profile(), small.modes());
        var sidecar = small.modes().get(1);
        List<StageVisit> trace = ModeRun.simulate(small, sidecar, 3).trace();

        StepThrough walk = StepThrough.simulate(small, sidecar);
        for (int i = 0; i < 40; i++) {
            assertEquals(trace.get(i), walk.forward().orElseThrow(), "step " + (i + 1));
        }
        assertEquals(40, walk.position());
        assertEquals(trace.get(38), walk.back().orElseThrow());
        assertEquals(trace.get(37), walk.back().orElseThrow());
        assertEquals(trace.get(38), walk.forward().orElseThrow(), "forward again replays the kept trace");
        assertEquals(Stage.APP_SEND, walk.nextRequest().orElseThrow().stage(), "a request begins with the app's send");
        walk.reset();
        assertTrue(walk.current().isEmpty());
        int steps = 0;
        while (walk.forward().isPresent()) {
            steps++;
        }
        assertEquals(trace.size(), steps, "playing to the end shows every visit");

        StepThrough replay = StepThrough.replay(trace);
        assertEquals(trace.get(0), replay.forward().orElseThrow());
        assertEquals(trace.get(1), replay.forward().orElseThrow());
        assertEquals(trace.get(0), replay.back().orElseThrow(), "a replayed trace steps back too");
    }
}
