package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.sim.io.Json;

/**
 * {@code calibrate} on real ping-pong recordings (the lab VM's, direct, 2026-12-02: the spread and same-CPU
 * ones {@code validate} saved in its test file).
 */
class CalibrateCommandTest {

    @TempDir
    Path dir;

    /** The round's ping-pong recording made under a placement, as a file of its own. */
    private Path recording(String placement) throws IOException {
        JsonNode saved;
        try (InputStream in = getClass().getResourceAsStream("validation-measurements.json")) {
            saved = Json.mapper().readTree(in);
        }
        for (JsonNode pingPong : saved.get("rounds").get(0).get("pingPongs")) {
            if (pingPong.get("measurements").get(0).get("placement").asText().equals(placement)) {
                Path file = dir.resolve(placement + ".json");
                Files.writeString(file, Json.write(pingPong));
                return file;
            }
        }
        throw new AssertionError("no " + placement + " ping-pong in the test file");
    }

    /**
     * Without a same-CPU recording a switch onto a busy CPU is priced as an idle one's, which makes every
     * prediction with several connections far too slow: calibrate says so and gives the commands.
     */
    @Test
    void aProfileWithoutASameCpuRecordingIsToldWhatItCannotPredict() throws IOException {
        Path spread = recording("spread");
        CliRun alone = CliRun.of("calibrate", spread.toString(), "--out", dir.resolve("alone.yaml").toString());
        assertEquals(0, alone.code(), alone.err());
        assertTrue(alone.out().contains("note: no recording here ran every process on one CPU"), alone.out());
        assertTrue(alone.out().contains("probe run --placement same-cpu"), alone.out());

        Path sameCpu = recording("same-cpu");
        CliRun both = CliRun.of("calibrate", spread.toString(), sameCpu.toString(), "--out",
                dir.resolve("both.yaml").toString());
        assertEquals(0, both.code(), both.err());
        assertFalse(both.out().contains("note: no recording"), both.out());
        assertTrue(both.out().contains("a switch onto a busy CPU costs"), both.out());
    }
}
