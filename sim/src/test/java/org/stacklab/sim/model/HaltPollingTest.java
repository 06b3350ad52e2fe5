package org.stacklab.sim.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.cost.CostDistribution;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.cost.HaltPolling;
import org.stacklab.sim.cost.WakePlacement;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.workload.Workload;

/**
 * Which hump of two-humped wake-ups a wake-up onto an idle CPU falls in, by how long that CPU was idle: here every
 * wake-up's switch is 10 µs, save one in fifty of 300 µs, and halt polling puts a wake-up past a 150 µs window in
 * the slow hump or not at all, as each test says.
 */
class HaltPollingTest {

    private static final double QUICK_NS = 10_000;
    private static final double SLOW_NS = 300_000;

    private static CostProfile twoHumped(HaltPolling polling) throws Exception {
        CostProfile base = LoadedScenario.load("default").profile();
        double[] switches = new double[1000];
        Arrays.fill(switches, QUICK_NS);
        Arrays.fill(switches, 0, 20, SLOW_NS);
        CostDistribution humps = CostDistribution.empirical(switches, 100);
        Map<String, Map<Stage, CostDistribution>> contexts = new TreeMap<>(base.contextStages());
        for (String context : List.of("wakeup:read-veth", "wakeup:read-lo", "wakeup:epoll-lo", "wakeup:epoll-veth",
                "wakeup:read-redirect")) {
            contexts.put(context, Map.of(Stage.CTX_SWITCH, humps));
        }
        return new CostProfile("two-humped", "test", base.stages(), base.contextFactors(), contexts, 0,
                new WakePlacement(0, 1, 1, polling), Map.of());
    }

    private static RunReport.Latency direct(CostProfile profile, Workload workload) throws Exception {
        LoadedScenario base = LoadedScenario.resolve(LoadedScenario.load("default").scenario()
                .withModes(List.of(Reference.of("direct"))).withPlacement(CpuPlacement.SPREAD).withWorkload(workload),
                "default");
        LoadedScenario s = new LoadedScenario(base.scenario(), base.source(), profile, base.modes());
        return ModeRun.simulate(s, s.modes().get(0), 0).report().latencyUs();
    }

    /** Requests 10 ms apart: both CPUs sleep past the window before each. */
    private static Workload farApart() {
        return new Workload(Workload.Pattern.OPEN_LOOP, 1, 100, 2_000, 64, 64, false);
    }

    @Test
    void aWakeUpOntoACpuIdlePastTheWindowFallsInTheHumpItsShareSays() throws Exception {
        RunReport.Latency slow = direct(twoHumped(new HaltPolling(150_000, 100_000, 0, 1)), farApart());
        RunReport.Latency quick = direct(twoHumped(new HaltPolling(150_000, 100_000, 0, 0)), farApart());
        assertTrue(quick.p99() < 100, "every wake-up quick: " + quick);
        // The server's and then the client's (at least), each in the slow hump: 100–300 µs a draw.
        assertTrue(slow.p50() > quick.p50() + 2 * 100, "every wake-up slow: " + slow + " against " + quick);
    }

    @Test
    void aPingPongThatWakesWithinTheWindowStaysQuickAndOneSlowWakeUpStartsARunOfThem() throws Exception {
        Workload pingPong = Workload.pingPong(4_000, 64);
        RunReport.Latency mixed = direct(twoHumped(null), pingPong);
        RunReport.Latency neverSlow = direct(twoHumped(new HaltPolling(150_000, 100_000, 0, 1)), pingPong);
        assertTrue(mixed.p99() > 250, "the mixture's slow hump, one wake-up in fifty, shows at p99: " + mixed);
        assertTrue(neverSlow.p99() < 150, "each wake-up within the window, each one quick: " + neverSlow);
        // Slow half as often within the window as the mixture, but a slow wake-up leaves the other CPU idle past
        // it, whose wake-up is slow in turn: the slow ones come in runs, and far more round trips are slow.
        RunReport.Latency inRuns = direct(twoHumped(new HaltPolling(150_000, 100_000, 0.01, 1)), pingPong);
        assertTrue(inRuns.p90() > 5 * mixed.p90(), inRuns + " against the mixture's " + mixed);
    }
}
