package org.stacklab.sim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.sim.cost.CostDistribution;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.YamlFiles;
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

    @Test
    void eachSegmentIsScaledByItsMeasuredOverSimulatedTime(@TempDir Path dir) throws Exception {
        CostProfile base = Catalog.profile(Reference.of("lab-vm"), Path.of("."), "test", "profile");
        Map<String, Double> simulated = Map.of("user", 3.0, "send", 3.5, "device", 3.6, "receive", 2.0, "wakeup", 14.5);
        Calibration calibration = Calibration.of(List.of(
                new Calibration.Observation("direct", false,
                        Map.of("user", 3.0, "send", 7.0, "device", 3.6, "receive", 2.0, "wakeup", 29.0), simulated)));
        assertEquals(2.0, calibration.report().get("send").factor());
        assertEquals(2.0, calibration.report().get("wakeup").factor());
        assertEquals(1.0, calibration.report().get("device").factor());

        CostProfile calibrated = calibration.apply(base, "fitted", "test.json", Map.of());
        assertEquals(2 * base.cost(Stage.TCP_OUT).base().medianNs(), calibrated.cost(Stage.TCP_OUT).base().medianNs(), 1e-6);
        assertEquals(2 * base.cost(Stage.CTX_SWITCH).base().medianNs(), calibrated.cost(Stage.CTX_SWITCH).base().medianNs(),
                1e-6);
        assertEquals(base.cost(Stage.PROXY).base(), calibrated.cost(Stage.PROXY).base(), "no proxied mode was measured");
        assertTrue(calibrated.cost(Stage.PROXY).source().startsWith("unchanged from lab-vm"));
        assertTrue(calibrated.cost(Stage.TCP_OUT).source().contains("test.json"));

        Path file = dir.resolve("fitted.yaml");
        new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), calibrated);
        assertEquals(calibrated, YamlFiles.read(file, CostProfile.class), "the written profile reads back");
    }
}
