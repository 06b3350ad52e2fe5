package org.stacklab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The `./stacklab` launcher at the root, run as a user runs it, on the built jar. */
class LauncherEndToEndTest {

    private static final Path ROOT = Path.of(System.getProperty("stacklab.root", "..")).toAbsolutePath().normalize();

    private record Run(int code, String out, String err) {
    }

    private static Run stacklab(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("stacklab").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("stacklab", ".out");
        Path err = Files.createTempFile("stacklab", ".err");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "stacklab finished");
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    @Test
    void compareOnTheDefaultScenarioPrintsFourModesSideBySide() throws Exception {
        Run run = stacklab("compare", "--requests", "3000");
        assertEquals(0, run.code(), run.err());
        String header = run.out().lines().filter(l -> l.contains("direct") && l.contains("sidecar+sockmap"))
                .findFirst().orElse("");
        assertTrue(header.contains("sidecar") && header.contains("sockmap"), run.out());
        assertTrue(run.out().contains("p99.9"));
    }

    @Test
    void aMissingScenarioFileExitsWithTwoAndOneLine() throws Exception {
        Run run = stacklab("sim", "--scenario", "no-such-scenario.yaml");
        assertEquals(2, run.code());
        assertEquals("stacklab: no-such-scenario.yaml: no such file", run.err().strip());
    }

    @Test
    void simJsonIsVersionedAndRepeatable() throws Exception {
        Run first = stacklab("sim", "--mode", "sidecar", "--requests", "500", "--json");
        Run second = stacklab("sim", "--mode", "sidecar", "--requests", "500", "--json");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("\"schema\" : \"stacklab.run/2\""));
        assertEquals(first.out(), second.out());
    }
}
