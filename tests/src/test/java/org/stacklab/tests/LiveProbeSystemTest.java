package org.stacklab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stacklab.probe.LiveAssumptions;
import org.stacklab.probe.lab.Cgroups;
import org.stacklab.probe.lab.Commands;

/** The live probe as a user runs it: through the jar, killed hard, and without root. */
class LiveProbeSystemTest {

    private static final Path JAR = Path.of(System.getProperty("stacklab.jar", "../lab-ui/target/stacklab.jar"));

    @BeforeAll
    static void live() {
        LiveAssumptions.requireLive();
    }

    private static Process start(List<String> prefix, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(false).start();
    }

    /** Whether this process ignores a signal (then its children start with it ignored, and Java keeps it so). */
    private static boolean ignoredHere(String signal) throws IOException {
        int number = signal.equals("INT") ? 2 : 15;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }

    /** Waits until the probe's own lab is built and its proxies have started. */
    private static void awaitLab(Process probe) throws Exception {
        String prefix = "sl-" + Long.toString(probe.pid(), 36) + "-";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (labNamespaces().stream().noneMatch(ns -> ns.startsWith(prefix)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1500); // the proxies start and the workload begins
    }

    private static List<String> labNamespaces() throws Exception {
        return Commands.run("ip", "netns", "list").lines().filter(l -> l.startsWith("sl-")).toList();
    }

    @Test
    void afterSigkillProbeCleanupRemovesEverything() throws Exception {
        Process probe = start(List.of(), "probe", "run", "--mode", "sidecar", "--requests", "5000000", "--no-sockperf");
        awaitLab(probe);
        assertTrue(probe.isAlive(), "the probe is running");
        assertTrue(!labNamespaces().isEmpty(), "the lab is built");
        probe.destroyForcibly(); // SIGKILL: no shutdown hook runs
        probe.waitFor(10, TimeUnit.SECONDS);
        assertTrue(!labNamespaces().isEmpty(), "SIGKILL left the lab behind");

        Process cleanup = start(List.of(), "probe", "cleanup");
        String out = new String(cleanup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cleanup.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, cleanup.exitValue(), out);
        assertTrue(out.contains("Removed:"), out);
        assertEquals(List.of(), labNamespaces(), "no namespace is left");
        assertEquals(List.of(), gone("haproxy"), "no proxy is left");
        assertEquals(List.of(), gone("pingpong"), "no workload process is left");
        try (var dirs = Files.list(Cgroups.root().orElseThrow())) {
            assertTrue(dirs.noneMatch(d -> d.getFileName().toString().startsWith("stacklab-")), "no cgroup is left");
        }
    }

    @ParameterizedTest(name = "kill -{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void interruptedTheProbeRemovesItsLabItself(String signal) throws Exception {
        assumeFalse(ignoredHere(signal), "SIG" + signal + " is ignored in this test's process (a background job"
                + " without job control?), so the probe inherits that and cannot be interrupted by it");
        Process probe = start(List.of(), "probe", "run", "--mode", "sidecar", "--requests", "5000000", "--no-sockperf");
        awaitLab(probe);
        assertTrue(!labNamespaces().isEmpty(), "the lab is built");
        Commands.run("kill", "-" + signal, Long.toString(probe.pid()));
        assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "the probe stops (" + signal + " must not be ignored)");
        assertEquals(List.of(), labNamespaces(), "no namespace is left");
        assertEquals(List.of(), gone("haproxy"), "no proxy is left");
        assertEquals(List.of(), gone("pingpong"), "no workload process is left");
    }

    @Test
    void withoutRootTheProbeRefusesWithTheDoctorsMessage() throws Exception {
        Process probe = start(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                "probe", "run", "--mode", "direct", "--requests", "10");
        String err = new String(probe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, probe.exitValue(), err);
        assertTrue(err.contains("the live probe cannot run here"), err);
        assertTrue(err.contains("FAIL  root") && err.contains("run the probe as root"), err);
    }

    /** The processes of that name still there after a few seconds (killed ones take a moment to be reaped). */
    private static List<String> gone(String name) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> left = pgrep(name);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = pgrep(name);
        }
        return left;
    }

    private static List<String> pgrep(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pgrep", "-x", name).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().toList();
    }
}
