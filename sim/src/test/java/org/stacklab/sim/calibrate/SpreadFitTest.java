package org.stacklab.sim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.report.SegmentTimes;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.workload.Workload;

class SpreadFitTest {

    /** The default scenario's ping-pong in one mode, 4,000 round trips, with a profile. */
    private static LoadedScenario pingPong(String mode, CostProfile profile) throws Exception {
        LoadedScenario base = LoadedScenario.resolve(LoadedScenario.load("default").scenario()
                .withModes(List.of(Reference.of(mode))).withWorkload(Workload.pingPong(4_000, 64)), "default");
        return new LoadedScenario(base.scenario(), base.source(), profile, base.modes());
    }

    private static CostProfile withCorrelation(CostProfile p, double correlation) {
        return new CostProfile(p.name(), p.description(), p.stages(), p.contextFactors(), p.contextStages(), correlation);
    }

    /**
     * A sidecar's six wake-ups each with a hump of its slowest 4 % at ten times the rest, as measured
     * on this VM when the host stalls it (the wake-ups' own quantiles, as calibration keeps them).
     */
    private static CostProfile humpedWakeups() throws Exception {
        LoadedScenario sidecar = LoadedScenario.load("default");
        Well19937c random = new Well19937c(7);
        List<String> contexts = new PathProgram(pingPong("sidecar", sidecar.profile()).modes().get(0), 64, 64, false)
                .wakeupContexts();
        List<List<Long>> byPosition = new ArrayList<>();
        for (int position = 0; position < contexts.size(); position++) {
            List<Long> times = new ArrayList<>();
            for (int trip = 0; trip < 2_000; trip++) {
                times.add(Math.round((random.nextDouble() < 0.04 ? 300_000 : 30_000) * (0.8 + 0.4 * random.nextDouble())));
            }
            byPosition.add(times);
        }
        return Calibration.of(List.of(new Calibration.Observation("sidecar", SegmentTimes.of(Map.of()), Map.of(), 0, contexts, byPosition)))
                .apply(sidecar.profile(), "humped", "test", Map.of());
    }

    @Test
    void theCorrelationThatMadeTheRoundTripsIsFoundFromTheirSpread() throws Exception {
        CostProfile humped = humpedWakeups();
        RunReport.Latency madeWithHighCorrelation = ModeRun.simulate(pingPong("sidecar", withCorrelation(humped, 0.9)),
                pingPong("sidecar", humped).modes().get(0), 0).report().latencyUs();
        CostProfile bulkEstimate = withCorrelation(humped, 0.3);

        SpreadFit fit = SpreadFit.of(bulkEstimate,
                List.of(new SpreadFit.Target(pingPong("sidecar", bulkEstimate), madeWithHighCorrelation)));

        assertEquals(0.9, fit.correlation(), 0.1, fit.toString());
        assertEquals(0.3, fit.scoreCorrelation());
        assertTrue(fit.miss() < fit.missAtScore() / 3, "the humps kept to fewer round trips bring the p90 back: " + fit);
        CostProfile applied = fit.applyTo(bulkEstimate);
        assertEquals(fit.correlation(), applied.wakeupCorrelation());
        assertTrue(applied.description().contains("the round trips' spread chose a wake-up correlation of"),
                applied.description());
    }

    @Test
    void roundTripsTheEstimateAlreadySpreadRightKeepIt() throws Exception {
        CostProfile humped = withCorrelation(humpedWakeups(), 0.45);
        LoadedScenario sidecar = pingPong("sidecar", humped);
        RunReport.Latency simulated = ModeRun.simulate(sidecar, sidecar.modes().get(0), 0).report().latencyUs();

        SpreadFit fit = SpreadFit.of(humped, List.of(new SpreadFit.Target(sidecar, simulated)));

        assertEquals(0.45, fit.correlation(), "a miss of nothing is not bettered: " + fit);
        assertEquals(0.0, fit.workSpread(), "nor its spread: " + fit);
        assertEquals(0.0, fit.miss());
    }

    @Test
    void roundTripsWhoseWorkSpreadAsOneAreGivenTheirSpread() throws Exception {
        CostProfile drawnApart = LoadedScenario.load("default").profile();
        List<SpreadFit.Target> targets = new ArrayList<>();
        for (String mode : List.of("direct", "sidecar")) {
            LoadedScenario made = pingPong(mode, drawnApart.withWorkSpread(0.2, ""));
            targets.add(new SpreadFit.Target(pingPong(mode, drawnApart),
                    ModeRun.simulate(made, made.modes().get(0), 0).report().latencyUs()));
        }

        SpreadFit fit = SpreadFit.of(drawnApart, targets);

        assertEquals(0.2, fit.workSpread(), 0.05, fit.toString());
        assertTrue(fit.miss() < fit.missAtScore() / 3, "a work spread brings the p90s back: " + fit);
        CostProfile applied = fit.applyTo(drawnApart);
        assertEquals(fit.workSpread(), applied.workSpread());
        assertTrue(applied.description().contains("and a work spread of"), applied.description());
    }
}
