package org.stacklab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.probe.LiveAssumptions;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.Recording;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.YamlFiles;

/** Record on this machine, calibrate, and check that the calibrated model gives back what was measured. */
class CalibrationSystemTest {

    private static final Path JAR = Path.of(System.getProperty("stacklab.jar", "../lab-ui/target/stacklab.jar"));

    private static String run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @Test
    void aCalibratedProfileGivesBackEachMeasuredSegment(@TempDir Path dir) throws Exception {
        LiveAssumptions.requireLive();
        Path recordingFile = dir.resolve("here.json");
        Path profileFile = dir.resolve("here.yaml");
        run("probe", "run", "--mode", "direct,sidecar,sockmap", "--requests", "3000", "--no-sockperf",
                "--out", recordingFile.toString());
        String table = run("calibrate", recordingFile.toString(), "--out", profileFile.toString());
        assertTrue(table.contains("wakeup:epoll") && table.contains("user:proxy"), table);

        Recording recording = YamlFiles.read(recordingFile, Recording.class);
        CostProfile profile = YamlFiles.read(profileFile, CostProfile.class);
        assertTrue(profile.contextFactors().keySet().containsAll(List.of("wakeup:read", "wakeup:epoll",
                "wakeup:read-redirect", "send:veth", "send:lo", "send:redirect", "user:app", "user:proxy")),
                profile.contextFactors().toString());
        StringBuilder report = new StringBuilder();
        for (LiveMeasurement measured : recording.measurements()) {
            LoadedScenario base = LoadedScenario.resolve(LoadedScenario.load("default").scenario()
                    .withModes(List.of(Reference.of(measured.mode()))), "default");
            LoadedScenario calibrated = new LoadedScenario(base.scenario().withWorkload(base.scenario().workload()
                    .withRequests(measured.roundTrips())), base.source(), profile, base.modes());
            var simulated = ModeRun.simulate(calibrated, calibrated.modes().get(0), 0).report().segmentsUsPerRequest();
            measured.measuredSegmentsUs().forEach((segment, us) -> {
                report.append(String.format("%s %s: measured %.2f µs, calibrated model %.2f µs%n", measured.mode(),
                        segment, us, simulated.get(segment)));
                if (us > 1) {
                    assertEquals(us, simulated.get(segment), us * 0.15, measured.mode() + " " + segment);
                }
            });
        }
        System.out.print(report);
    }
}
