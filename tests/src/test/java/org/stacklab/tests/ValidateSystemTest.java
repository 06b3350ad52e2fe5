package org.stacklab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.probe.LiveAssumptions;

/**
 * {@code stacklab validate} end to end, as root: it calibrates on this machine's ping-pongs, measures
 * workloads the calibration never saw (4 and 16 connections, a 16 KiB stream) and writes every prediction
 * beside its measurement, and saves what it measured so that {@code --from} predicts it again to the same
 * figures. What is held here is that each figure was predicted and measured for real; the
 * bounds themselves (±15 % p50 and throughput, ±20 % p90) are reported, not asserted: on this VM kind the
 * model misses several of them, and the note says which, by how much and why.
 */
class ValidateSystemTest {

    private static final Path JAR = Path.of(System.getProperty("stacklab.jar", "../lab-ui/target/stacklab.jar"));

    @TempDir
    Path dir;

    @Test
    void everyUnseenWorkloadIsPredictedAndMeasuredBesideIt() throws Exception {
        LiveAssumptions.requireLive();
        Path json = dir.resolve("validation.json");
        Path svg = dir.resolve("validation.svg");
        Path saved = dir.resolve("measured.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString(), "validate", "--modes", "direct,sockmap",
                "--placements", "spread", "--kinds", "connections,stream", "--sizes", "16384", "--requests", "5000",
                "--out", json.toString(), "--plot", svg.toString(), "--save-measurements", saved.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        System.out.println(out.lines().filter(l -> !l.contains("\r")).reduce("", (a, b) -> a + b + "\n"));

        JsonNode checks = new ObjectMapper().readTree(json.toFile()).get("checks");
        // Per mode: 4 and 16 connections' p50 and p90, and the stream's throughput.
        assertEquals(2 * 5, checks.size(), checks.toString());
        for (JsonNode check : checks) {
            assertTrue(check.get("predicted").asDouble() > 0 && check.get("measured").asDouble() > 0, check.toString());
        }
        JsonNode stream = null;
        for (JsonNode check : checks) {
            if (check.get("mode").asText().equals("direct") && check.get("figure").asText().equals("gbit-per-second")) {
                stream = check;
            }
        }
        assertTrue(stream != null && stream.get("measured").asDouble() > 1,
                "a 16 KiB stream moves gigabits a second here: " + stream);
        assertTrue(out.contains("predictions within their bounds"), out);
        assertTrue(Files.readString(svg).contains("The model's error against the measurement"));

        // Saved, the same measurements are predicted again, with no root, to the same figures.
        Path again = dir.resolve("again.json");
        Process replay = new ProcessBuilder(command.get(0), "-jar", JAR.toAbsolutePath().toString(), "validate",
                "--from", saved.toString(), "--out", again.toString()).redirectErrorStream(true).start();
        String replayed = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(replay.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, replay.exitValue(), replayed);
        assertEquals(checks, new ObjectMapper().readTree(again.toFile()).get("checks"),
                "predicted from the saved file as when measured");
    }
}
