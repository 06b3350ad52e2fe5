package org.stacklab.sim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.sim.cost.CostDistribution;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.SegmentTimes;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.scenario.YamlFiles;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;

class CalibrationTest {

    @Test
    void fitsRecoverTheFamilyAndShapeTheSamplesCameFrom() {
        double[] lognormal = new LogNormalDistribution(new Well19937c(1), Math.log(5000), 0.4, 1e-9).sample(5000);
        DistributionFit a = DistributionFit.of(lognormal);
        assertEquals(CostDistribution.LOGNORMAL, a.distribution().family());
        assertEquals(5000, a.distribution().medianNs(), 150);
        assertEquals(0.4, a.distribution().shape(), 0.02);
        assertTrue(a.ksDistance() < 0.03, "D " + a.ksDistance());

        double[] gamma = new GammaDistribution(new Well19937c(2), 8, 1000, 1e-9).sample(5000);
        DistributionFit b = DistributionFit.of(gamma);
        assertEquals(CostDistribution.GAMMA, b.distribution().family());
        assertEquals(8, b.distribution().shape(), 0.5);
        assertEquals(8000, b.distribution().meanNs(), 150);
    }

    /** Factors a machine might have, for every context the three modes have. */
    private static final Map<String, Double> TRUE_FACTORS = Map.ofEntries(
            Map.entry("wakeup:read-veth", 1.1), Map.entry("wakeup:read-redirect", 1.4),
            // sidecar's three wake-up contexts only ever appear together: they can only be found alike
            Map.entry("wakeup:read-lo", 2.5), Map.entry("wakeup:epoll-lo", 2.5), Map.entry("wakeup:epoll-veth", 2.5),
            Map.entry("send:veth", 0.9), Map.entry("send:lo", 1.8), Map.entry("send:redirect", 0.6),
            Map.entry("receive:veth", 0.8), Map.entry("receive:lo", 2.0), Map.entry("app:app", 0.75),
            Map.entry("proxy:proxy", 0.45));

    /** What the probe would measure per segment if the machine's contexts cost these factors (the client unseen). */
    private static SegmentTimes segments(Map<String, Double> simulatedContexts, Map<String, Double> factors) {
        Map<String, Double> segments = new java.util.TreeMap<>();
        simulatedContexts.forEach((context, us) -> {
            if (!context.equals("app:client")) {
                segments.merge(context.substring(0, context.indexOf(':')), us * factors.getOrDefault(context, 1.0),
                        Double::sum);
            }
        });
        return SegmentTimes.read(segments);
    }

    @Test
    void eachContextsFactorIsSolvedFromTheModesThatLeaveItAlone(@TempDir Path dir) throws Exception {
        LoadedScenario loaded = LoadedScenario.load("default");
        List<Calibration.Observation> observations = new ArrayList<>();
        for (Mode mode : loaded.modes().subList(0, 3)) { // direct, sidecar, sockmap
            Map<String, Double> simulated = Calibration.simulatedContextsUs(loaded, mode);
            observations.add(new Calibration.Observation(mode.name(), segments(simulated, TRUE_FACTORS), simulated));
        }
        Calibration calibration = Calibration.of(observations);
        TRUE_FACTORS.forEach((context, factor) ->
                assertEquals(factor, calibration.report().get(context).factor(), 0.01, context));
        assertEquals(1.0, calibration.report().get("device:veth").factor(), 0.01, "measured as simulated");

        CostProfile base = loaded.profile();
        CostProfile calibrated = calibration.apply(base, "fitted", "test.json", Map.of());
        assertEquals(base.cost(Stage.TCP_OUT), calibrated.cost(Stage.TCP_OUT), "stage costs stay; contexts scale them");
        assertEquals(2.5, calibrated.contextFactor("wakeup:epoll-lo"), 0.01);
        assertTrue(calibrated.description().contains("wakeup:epoll-lo x 2.5"), calibrated.description());
        // The calibrated model reproduces what was "measured", context by context.
        LoadedScenario after = new LoadedScenario(loaded.scenario(), loaded.source(), calibrated, loaded.modes());
        for (Calibration.Observation o : observations) {
            Mode mode = loaded.modes().stream().filter(m -> m.name().equals(o.mode())).findFirst().orElseThrow();
            SegmentTimes segments = segments(Calibration.simulatedContextsUs(after, mode), Map.of());
            for (Segment segment : Segment.values()) {
                double us = o.measuredUs().us(segment);
                assertEquals(us, segments.us(segment), us * 0.1, o.mode() + " " + segment);
            }
        }

        Path file = dir.resolve("fitted.yaml");
        new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), calibrated);
        assertEquals(calibrated, YamlFiles.read(file, CostProfile.class), "the written profile reads back");
    }

    @Test
    void contextsThatOnlyEverAppearTogetherShareAFactor() {
        Calibration calibration = Calibration.of(List.of(new Calibration.Observation("one",
                SegmentTimes.of(Map.of(Segment.SEND, 30.0)), Map.of("send:lo", 10.0, "send:veth", 5.0))));
        assertEquals(2.0, calibration.report().get("send:lo").factor());
        assertEquals(2.0, calibration.report().get("send:veth").factor());
    }

    /**
     * Wake-ups of 5,000 round trips at three positions, gamma-distributed each, their normal scores
     * sharing {@code correlation} through one score per trip (the copula the model draws with).
     */
    private static List<List<Long>> wakeups(double correlation, long seed) {
        Well19937c random = new Well19937c(seed);
        NormalDistribution standard = new NormalDistribution(null, 0, 1);
        GammaDistribution gamma = new GammaDistribution(null, 3, 4000);
        List<List<Long>> byPosition = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int trip = 0; trip < 5000; trip++) {
            double shared = random.nextGaussian();
            for (List<Long> position : byPosition) {
                double score = Math.sqrt(correlation) * shared + Math.sqrt(1 - correlation) * random.nextGaussian();
                position.add(Math.round(gamma.inverseCumulativeProbability(standard.cumulativeProbability(score))));
            }
        }
        return byPosition;
    }

    private static Calibration fromWakeups(List<List<Long>> wakeups) {
        return Calibration.of(List.of(new Calibration.Observation("three", SegmentTimes.of(Map.of()), Map.of(), 0,
                List.of("read-lo", "epoll-lo", "read-veth"), wakeups)));
    }

    @Test
    void wakeUpsThatGoTogetherInARoundTripAreMeasuredAsCorrelated() throws Exception {
        assertEquals(0.5, fromWakeups(wakeups(0.5, 1)).wakeupCorrelation(), 0.04);
        assertEquals(0.0, fromWakeups(wakeups(0.0, 2)).wakeupCorrelation(), 0.04);
        Calibration calibration = fromWakeups(wakeups(0.3, 3));
        CostProfile profile = calibration.apply(LoadedScenario.load("default").profile(), "fitted", "test.json",
                Map.of());
        assertEquals(calibration.wakeupCorrelation(), profile.wakeupCorrelation(), "the profile carries it");
        assertTrue(profile.description().contains(String.format(java.util.Locale.ROOT, "correlated %.3f",
                calibration.wakeupCorrelation())), profile.description());

        List<List<Long>> notTheSameTrips = new ArrayList<>(wakeups(0.5, 4));
        notTheSameTrips.set(2, notTheSameTrips.get(2).subList(1, 5000));
        assertEquals(0.0, fromWakeups(notTheSameTrips).wakeupCorrelation(),
                "positions of different lengths do not hold the same round trips: no correlation is read from them");
    }
}
