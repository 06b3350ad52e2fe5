package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.sim.io.Json;

/**
 * {@code validate --from}: measurements saved by a real run on the lab VM ({@code validate --modes direct
 * --requests 200 --kinds connections,stream --sizes 1024 --placements spread --save-measurements}, 2026-12-02)
 * predicted again without root.
 */
class ValidateFromTest {

    @TempDir
    Path dir;

    private Path saved;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void copySaved() throws IOException {
        saved = dir.resolve("measured.json");
        try (InputStream in = getClass().getResourceAsStream("validation-measurements.json")) {
            Files.copy(in, saved);
        }
    }

    @Test
    void theHostsStealWhileTheWorkloadsRanIsSaidWhereItWasRecorded() throws IOException {
        String before = run("validate", "--from", saved.toString()).out();
        assertFalse(before.contains("The host took"), "saved before it was recorded: " + before);
        assertTrue(before.lines().anyMatch(l -> l.startsWith("spread     direct           4 connections")
                && l.contains("      -  ")), "no steal in the table's column: " + before);
        ObjectNode file = (ObjectNode) Json.mapper().readTree(saved.toFile());
        double share = 0.01;
        for (JsonNode unseen : file.get("rounds").get(0).get("unseen")) {
            ((ObjectNode) unseen.get("measured")).put("hostStolenShare", share);
            share += 0.1;
        }
        Files.writeString(saved, Json.write(file));
        CliRun r = run("validate", "--from", saved.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("The host took 1.0 to 21.0 % of the CPUs' time (steal) while the workloads ran;"
                + " 2 of 3 measurements lost more than 5 %"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("spread     direct           16 connections")
                && l.contains("  11 %  ")), "each figure's steal in the table: " + r.out());
    }

    @Test
    void savedMeasurementsArePredictedAgainWithoutRoot() throws IOException {
        Path out = dir.resolve("checks.json");
        Path plot = dir.resolve("checks.svg");
        CliRun r = run("validate", "--from", saved.toString(), "--out", out.toString(), "--plot", plot.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("of 5 predictions within their bounds"), "4 and 16 connections' p50 and p90,"
                + " a stream's throughput:\n" + r.out());
        JsonNode checks = Json.mapper().readTree(out.toFile());
        assertEquals(5, checks.get("checks").size());
        assertTrue(checks.get("calibration").asText().contains("measured 2026-12-02"), checks.toString());
        for (JsonNode check : checks.get("checks")) {
            assertTrue(check.get("predicted").asDouble() > 0 && check.get("measured").asDouble() > 0, check.toString());
        }
        assertTrue(Files.readString(plot).startsWith("<svg"));
        CliRun again = run("validate", "--from", saved.toString());
        assertEquals(r.out().lines().limit(7).toList(), again.out().lines().limit(7).toList(),
                "the same measurements and build predict the same");
    }

    /**
     * A ping-pong recording's timers (here 0 to 100 µs late, evenly, and 4 µs of CPU) go into the calibrated
     * profile, which says so; the closed loops and streams predicted from it wait on no timer and come out as before.
     */
    @Test
    void aRecordingsTimersGoIntoTheProfileAndOnlyOpenLoopsWaitOnThem() throws IOException {
        CliRun before = run("validate", "--from", saved.toString());
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(saved.toFile());
        var timers = ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("rounds").get(0).get("pingPongs").get(0))
                .putObject("timers");
        timers.put("placement", "spread").put("threads", 16).put("ratePerSecond", 20000.0);
        var cost = timers.putObject("cost").put("cpuNs", 4000.0);
        var quantiles = cost.putObject("lateness").put("family", "empirical").putArray("quantilesNs");
        for (int i = 0; i <= 100; i++) {
            quantiles.add(1000.0 * i);
        }
        Files.writeString(saved, Json.write(tree));
        Path profile = dir.resolve("profile.yaml");

        CliRun r = run("validate", "--from", saved.toString(), "--profile-out", profile.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode written = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(profile.toFile());
        JsonNode late = written.get("timers").get("lateness").get("quantilesNs");
        assertEquals(101, late.size());
        assertEquals(50_000, late.get(50).asDouble(), 1_000, "the recording's median, 50 µs");
        assertEquals(4000, written.get("timers").get("cpuNs").asDouble());
        assertTrue(written.get("description").asText().contains("timers late 50.0 µs at p50 and 4.0 µs of CPU"),
                written.toString());
        assertEquals(before.out().lines().limit(7).toList(), r.out().lines().limit(7).toList());
    }

    @Test
    void whatTheFileDecidesCannotBeGivenBesideIt() {
        CliRun r = run("validate", "--from", saved.toString(), "--modes", "sidecar");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--modes does not go with --from"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aDamagedFileIsNamedWithItsField() throws IOException {
        String text = Files.readString(saved, StandardCharsets.UTF_8);
        Files.writeString(saved, text.replaceFirst("\"requests\" : 200", "\"requests\" : \"many\""));
        CliRun r = run("validate", "--from", saved.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains(saved.toString()) && r.err().contains("requests"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().readTree(text);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("rounds").get(0).get("pingPongs").get(0))
                .putArray("measurements");
        Files.writeString(saved, Json.write(tree));
        CliRun emptied = run("validate", "--from", saved.toString());
        assertEquals(2, emptied.code(), emptied.out());
        assertTrue(emptied.err().contains("pingPongs[0].measurements"), emptied.err());
        assertFalse(emptied.err().contains("Exception"), emptied.err());
        Path other = dir.resolve("recording.json");
        Files.writeString(other, "{\"schema\": \"stacklab.recording/2\", \"measurements\": []}");
        CliRun wrong = run("validate", "--from", other.toString());
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("not a validate --save-measurements file"), wrong.err());
    }
}
