package org.stacklab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output files as a user meets them through the jar: a bad target costs nothing, an interrupted write leaves nothing. */
class OutputFilesSystemTest {

    private static final Path JAR = Path.of(System.getProperty("stacklab.jar", "../lab-ui/target/stacklab.jar"));

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static ProcessBuilder jar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private Run run(String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = jar(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command ends");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assertOneLineNoStackTrace(Run run) {
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    @Test
    void aDeviceIsNeitherWrittenNorReplacedAndTheResultIsStillPrinted() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "no /dev/full here");
        Run run = run("sim", "--mode", "direct", "--requests", "200", "--trace-out", full.toString());
        assertOneLineNoStackTrace(run);
        assertTrue(run.err().startsWith("stacklab: cannot write /dev/full: is not a regular file"), run.err());
        assertFalse(Files.isRegularFile(full, LinkOption.NOFOLLOW_LINKS), "/dev/full is still a device");
    }

    @Test
    void aFolderThatCannotBeWrittenIsOneLineBeforeTheWork() throws Exception {
        Path target = Path.of("/proc/stacklab-trace.json"); // no one may make a file there, not even root
        assumeTrue(Files.isDirectory(target.getParent()), "no /proc here");
        for (String[] command : new String[][] {
                {"sim", "--requests", "200", "--trace-out", target.toString()},
                {"scale", "--plot", target.toString()},
                {"bench-cluster", "--nodes", "2", "--seconds", "0.1", "--out", target.toString()},
                {"probe", "idle-wake", "--rounds", "10", "--out", target.toString()}}) {
            Run run = run(command);
            assertOneLineNoStackTrace(run);
            assertTrue(run.err().startsWith("stacklab: cannot write " + target + ": "), run.err());
        }
        Run folder = run("sim", "--requests", "200", "--trace-out", dir.toString());
        assertOneLineNoStackTrace(folder);
        assertTrue(folder.err().contains("is a folder"), folder.err());
    }

    @Test
    void aTraceWriteInterruptedBySigtermLeavesNeitherHalfAFileNorATemporaryOne() throws Exception {
        assumeFalse(Signals.ignoredHere("TERM"), "SIGTERM is ignored in this test's process, and so in the command's");
        Path trace = dir.resolve("trace.json");
        Process sim = jar("sim", "--requests", "20000", "--trace-requests", "20000", "--trace-out", trace.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (partFiles().isEmpty() && sim.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assumeTrue(!partFiles().isEmpty(), "the write ended before it could be interrupted");
        new ProcessBuilder("kill", "-TERM", Long.toString(sim.pid())).start().waitFor();
        assertTrue(sim.waitFor(60, TimeUnit.SECONDS), "the command stops");
        assertEquals(List.of(), partFiles(), "the temporary file is removed on SIGTERM");
        assertFalse(Files.exists(trace), "no half-written trace");
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
