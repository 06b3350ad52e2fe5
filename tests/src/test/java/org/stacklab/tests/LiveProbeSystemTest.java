package org.stacklab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stacklab.probe.LiveAssumptions;
import org.stacklab.probe.lab.Cgroups;
import org.stacklab.probe.lab.Commands;

/** The live probe as a user runs it: through the jar, killed hard, and without root. */
class LiveProbeSystemTest {

    private static final Path JAR = Path.of(System.getProperty("stacklab.jar", "../lab-ui/target/stacklab.jar"));
    /** The jar's processes a test started, stopped after it if it left them running. */
    private static final List<Process> STARTED = new ArrayList<>();

    @BeforeAll
    static void live() {
        LiveAssumptions.requireLive();
    }

    private static Process start(List<String> prefix, String... args) throws IOException {
        return start(prefix, null, args);
    }

    /** Starts the jar; {@code path}, if given, goes before the PATH (to put a stand-in for a tool first). */
    private static Process start(List<String> prefix, Path path, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        if (path != null) {
            builder.environment().put("PATH", path + ":" + System.getenv("PATH"));
        }
        Process process = builder.start();
        STARTED.add(process);
        return process;
    }

    /**
     * Whatever a test started and left running (it failed before it stopped it) is interrupted as a user would, so
     * that its lab does not fall on the next test.
     */
    @AfterEach
    void stopWhatIsLeftRunning() throws Exception {
        for (Process process : STARTED) {
            if (process.isAlive()) {
                Commands.run("kill", "-TERM", Long.toString(process.pid()));
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
        STARTED.clear();
    }

    private static String stdout(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command ends");
        return out;
    }

    /** The probe's temporary folders of a process ({@code stacklab-<kind>-<pid>-*}) still there. */
    private static List<Path> tempFoldersOf(long pid) throws IOException {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().matches("stacklab-[a-z]+-" + pid + "-\\d+")).toList();
        }
    }

    /** The lab's eBPF maps still loaded in the kernel (they outlive their programs only while someone holds them). */
    private static List<String> labBpfMaps() throws Exception {
        List<String> ours = List.of("lab_netns", "probe_config", "lab_sockets", "redirect_config", "batches");
        return Commands.run("bpftool", "map", "list").lines()
                .filter(line -> ours.stream().anyMatch(name -> line.contains(" name " + name + " "))).toList();
    }

    /** Waits until the probe's own lab is built and its proxies have started. */
    private static void awaitLab(Process probe) throws Exception {
        String prefix = "sl-" + Long.toString(probe.pid(), 36) + "-";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // The doctor's throwaway namespace bears the probe's prefix too; the lab comes after the machine's timers.
        while (labNamespaces().stream().noneMatch(ns -> ns.startsWith(prefix) && !ns.startsWith(prefix + "doctor"))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1500); // the proxies start and the workload begins
    }

    private static List<String> labNamespaces() throws Exception {
        return Commands.run("ip", "netns", "list").lines().filter(l -> l.startsWith("sl-")).toList();
    }

    /** Without --mode, a scenario file's own modes are measured (as compare simulates them), not every built-in. */
    @Test
    void withoutModeTheScenariosModesAreMeasured(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("two.yaml");
        Files.writeString(scenario, "name: two\nmodes: [sockmap, direct]\nworkload:\n  requests: 300\n");
        Process probe = start(List.of(), "probe", "run", "--scenario", scenario.toString(), "--no-sockperf");
        String out = stdout(probe);
        assertEquals(0, probe.exitValue(), out);
        String header = out.lines().filter(l -> l.strip().startsWith("sockmap")).findFirst().orElseThrow(() ->
                new AssertionError("no mode header in\n" + out));
        assertEquals(List.of("sockmap", "direct"), List.of(header.strip().split("\\s+")), header);
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
        assertEquals(List.of(), gone("workload-driver"), "no workload process is left");
        try (var dirs = Files.list(Cgroups.root().orElseThrow())) {
            assertTrue(dirs.noneMatch(d -> d.getFileName().toString().startsWith("stacklab-")), "no cgroup is left");
        }
        assertEquals(List.of(), tempFoldersOf(probe.pid()), "no temporary folder of the killed probe is left");
        assertEquals(List.of(), Commands.run("ip", "-o", "link").lines().filter(l -> l.matches("\\d+: sl\\d.*")).toList(),
                "no veth of the lab is in the host's namespace");
        if (Commands.onPath("bpftool")) {
            assertEquals(List.of(), labBpfMaps(), "no eBPF map of the lab is left");
        }
    }

    @Test
    void aLiveLabSurvivesAnotherProcesssCleanup() throws Exception {
        Process victim = start(List.of(), "probe", "run", "--mode", "sidecar", "--requests", "100000", "--no-sockperf");
        awaitLab(victim);
        assertTrue(victim.isAlive(), "the probe is running");
        String cleanup = stdout(start(List.of(), "probe", "cleanup"));
        assertTrue(cleanup.contains("Left alone, as their probe runs are still running"), cleanup);
        assertTrue(victim.isAlive(), "the probe still runs after another process's cleanup");
        String err = new String(victim.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(victim.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, victim.exitValue(), "the victim's run completes: " + err);
        assertEquals(List.of(), labNamespaces(), "and removes its own lab");
        assertEquals(List.of(), tempFoldersOf(victim.pid()), "and its temporary folders");
    }

    @Test
    void aProxyThatCannotStartIsNamedWithTheEndOfItsLog(@TempDir Path bin) throws Exception {
        Path haproxy = bin.resolve("haproxy");
        Files.writeString(haproxy, "#!/bin/sh\necho '[ALERT] cannot bind socket (Address in use) [0.0.0.0:15001]'\nexit 1\n");
        Files.setPosixFilePermissions(haproxy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process probe = start(List.of(), bin, "probe", "run", "--mode", "sidecar", "--requests", "100", "--no-sockperf");
        String err = new String(probe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, probe.exitValue(), err);
        assertTrue(err.contains("the proxy client-proxy (haproxy) exited with code 1 as it started; its log ends:"
                + " [ALERT] cannot bind socket"), err);
        assertEquals(List.of(), labNamespaces(), "the half-built lab is removed");
        assertEquals(List.of(), tempFoldersOf(probe.pid()), "with its folders");

        Files.setPosixFilePermissions(haproxy, PosixFilePermissions.fromString("rw-r--r--"));
        Process direct = start(List.of(), bin, "probe", "run", "--mode", "direct", "--requests", "100", "--no-sockperf");
        String out = stdout(direct);
        assertEquals(0, direct.exitValue(), "direct needs no proxy, so a broken haproxy does not stop it: " + out);
        Process sidecar = start(List.of(), bin, "probe", "run", "--mode", "sidecar", "--requests", "100");
        String doctor = new String(sidecar.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(sidecar.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, sidecar.exitValue(), doctor);
        assertTrue(doctor.contains("FAIL  haproxy: " + haproxy + " is there but not executable"), doctor);
    }

    @Test
    void withoutRootCleanupRefusesAndRemovesNothing() throws Exception {
        Process cleanup = start(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                "probe", "cleanup");
        String err = new String(cleanup.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = stdout(cleanup);
        assertEquals(1, cleanup.exitValue(), err);
        assertTrue(err.startsWith("stacklab: probe cleanup needs root"), err);
        assertTrue(!out.contains("Removed"), out);
    }

    @ParameterizedTest(name = "kill -{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void interruptedTheProbeRemovesItsLabItself(String signal) throws Exception {
        assumeFalse(Signals.ignoredHere(signal), "SIG" + signal + " is ignored in this test's process (a background job"
                + " without job control?), so the probe inherits that and cannot be interrupted by it");
        Process probe = start(List.of(), "probe", "run", "--mode", "sidecar", "--requests", "5000000", "--no-sockperf");
        awaitLab(probe);
        assertTrue(!labNamespaces().isEmpty(), "the lab is built");
        Commands.run("kill", "-" + signal, Long.toString(probe.pid()));
        assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "the probe stops (" + signal + " must not be ignored)");
        assertEquals(List.of(), labNamespaces(), "no namespace is left");
        assertEquals(List.of(), gone("haproxy"), "no proxy is left");
        assertEquals(List.of(), gone("workload-driver"), "no workload process is left");
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
