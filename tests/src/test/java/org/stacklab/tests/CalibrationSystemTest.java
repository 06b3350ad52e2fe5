package org.stacklab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.probe.LiveAssumptions;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.Recording;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.YamlFiles;
import org.stacklab.sim.workload.Workload;

/**
 * Closing the loop on this machine: record the default ping-pong live (pinned), calibrate a profile
 * from it, and check that the calibrated model gives back the measured round trips: p50 and the
 * sidecar ÷ direct ratio within ±15 %, p90 within ±40 %.
 */
class CalibrationSystemTest {

    private static final Path JAR = Path.of(System.getProperty("stacklab.jar", "../lab-ui/target/stacklab.jar"));
    private static final List<String> MODES = List.of("direct", "sidecar", "sockmap");
    private static final double TOLERANCE = 0.15;
    /**
     * A VM's tail moves more than its median (a 2-vCPU VM's ping-pong p90 is 1.7 to 2 times its p50,
     * and that share shifts with the host): p90 is held to a looser bound, which still catches a
     * model whose tail is wrong in kind.
     */
    private static final double TAIL_TOLERANCE = 0.40;

    @TempDir
    static Path dir;
    private static Path recordingFile;
    private static Path profileFile;
    private static String calibrationTable;

    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** Pinned: on a VM, where the scheduler puts the two ends moves a round trip by a quarter from run to run. */
    private static void measure(Path out) throws Exception {
        run("probe", "run", "--mode", String.join(",", MODES), "--requests", "10000", "--sizes", "64,1024", "--pin-cpus",
                "--no-sockperf", "--out", out.toString());
    }

    @BeforeAll
    static void recordAndCalibrate() throws Exception {
        LiveAssumptions.requireLive();
        recordingFile = dir.resolve("here.json");
        profileFile = dir.resolve("here.yaml");
        measure(recordingFile);
        calibrationTable = run("calibrate", recordingFile.toString(), "--bytes", "64", "--out", profileFile.toString());
        System.out.print(calibrationTable);
    }

    @Test
    void theCalibratedModelGivesBackTheRoundTripsItWasCalibratedOn() throws Exception {
        assertTrue(calibrationTable.contains("wakeup:epoll-lo") && calibrationTable.contains("user:proxy"),
                calibrationTable);
        Recording recording = YamlFiles.read(recordingFile, Recording.class);
        CostProfile profile = YamlFiles.read(profileFile, CostProfile.class);
        assertTrue(profile.contextFactors().keySet().containsAll(List.of("wakeup:read-veth", "wakeup:epoll-veth",
                "wakeup:read-redirect", "send:veth", "send:lo", "send:redirect", "user:app", "user:proxy")),
                profile.contextFactors().toString());
        Map<Integer, Map<String, RunReport.Latency>> measured = new java.util.HashMap<>();
        Map<Integer, Map<String, RunReport.Latency>> calibrated = new java.util.HashMap<>();
        for (LiveMeasurement m : recording.measurements()) {
            LoadedScenario base = LoadedScenario.resolve(LoadedScenario.load("default").scenario()
                    .withModes(List.of(Reference.of(m.mode()))), "default");
            LoadedScenario withProfile = new LoadedScenario(base.scenario().withWorkload(
                    Workload.pingPong(m.roundTrips(), m.messageBytes())), base.source(), profile, base.modes());
            measured.computeIfAbsent(m.messageBytes(), b -> new java.util.HashMap<>()).put(m.mode(), m.latencyUs());
            calibrated.computeIfAbsent(m.messageBytes(), b -> new java.util.HashMap<>()).put(m.mode(),
                    ModeRun.simulate(withProfile, withProfile.modes().get(0), 0).report().latencyUs());
        }
        // For the log: the same lab's 1 KiB round trips, which calibration did not see (not held to a bound).
        System.out.print(table(measured.get(1024), calibrated.get(1024), "1 KiB, predicted", new ArrayList<>()));
        assertWithin(measured.get(64), calibrated.get(64), "64 B, calibrated on");
    }

    /**
     * Predicting a workload measured in a later run is not checked here: on this 2-vCPU VM the
     * same ping-pong moves by up to a quarter between runs a minute apart (even pinned), more than
     * the ±15 % a prediction must meet, so such a test would pass or fail with the host. The
     * README gives the commands and what they showed.
     */
    private static void assertWithin(Map<String, RunReport.Latency> measured, Map<String, RunReport.Latency> predicted,
                                     String title) {
        List<String> misses = new ArrayList<>();
        String table = table(measured, predicted, title, misses);
        System.out.print(table);
        assertTrue(misses.isEmpty(), "beyond ±15 % (p90: ±40 %): " + misses + "\n" + table);
    }

    /** Measured beside the model, mode by mode; what is beyond the bounds goes to {@code misses}. */
    private static String table(Map<String, RunReport.Latency> measured, Map<String, RunReport.Latency> predicted,
                                String title, List<String> misses) {
        StringBuilder table = new StringBuilder(String.format("%-20s %22s %22s%n", title, "measured p50 / p90",
                "model p50 / p90"));
        for (String mode : MODES) {
            table.append(String.format("%-20s %10.2f / %9.2f %10.2f / %9.2f%n", mode, measured.get(mode).p50(),
                    measured.get(mode).p90(), predicted.get(mode).p50(), predicted.get(mode).p90()));
            check(misses, mode + " p50", measured.get(mode).p50(), predicted.get(mode).p50(), TOLERANCE);
            check(misses, mode + " p90", measured.get(mode).p90(), predicted.get(mode).p90(), TAIL_TOLERANCE);
        }
        double measuredRatio = measured.get("sidecar").p50() / measured.get("direct").p50();
        double predictedRatio = predicted.get("sidecar").p50() / predicted.get("direct").p50();
        table.append(String.format("%-20s %22.2f %22.2f%n", "sidecar÷direct p50", measuredRatio, predictedRatio));
        check(misses, "sidecar÷direct p50", measuredRatio, predictedRatio, TOLERANCE);
        return table.toString();
    }

    private static void check(List<String> misses, String what, double measured, double predicted, double tolerance) {
        if (Math.abs(predicted - measured) > tolerance * measured) {
            misses.add(String.format("%s (measured %.2f, predicted %.2f)", what, measured, predicted));
        }
    }
}
