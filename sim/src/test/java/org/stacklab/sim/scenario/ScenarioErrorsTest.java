package org.stacklab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.sim.run.LoadedScenario;

/** Every kind of bad input gets one message naming file, line, column and field. */
class ScenarioErrorsTest {

    @TempDir
    Path dir;

    private ScenarioException load(String yaml) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        return assertThrows(ScenarioException.class, () -> LoadedScenario.load(file.toString()));
    }

    @Test
    void aYamlSyntaxErrorNamesItsLineAndColumn() throws IOException {
        ScenarioException e = load("name: x\nworkload:\n  requests: 5\n description: \"unterminated\n");
        assertTrue(e.line() >= 3, "line " + e.line());
        assertTrue(e.column() > 0);
        assertTrue(e.problem().startsWith("not valid YAML"), e.problem());
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.yaml") + ":" + e.line() + ":"), e.getMessage());
    }

    @Test
    void anUnknownModeIsReportedWhereItIsWritten() throws IOException {
        ScenarioException e = load("name: x\nmodes: [direct,\n        sidecr]\n");
        assertEquals(3, e.line());
        assertEquals(9, e.column());
        assertEquals("modes[1]", e.field());
        assertTrue(e.problem().contains("unknown mode 'sidecr'"), e.problem());
    }

    @Test
    void aNegativeRateNamesTheField() throws IOException {
        ScenarioException e = load("name: x\nworkload:\n  pattern: open-loop\n  ratePerSecond: -5\n");
        assertEquals("workload", e.field());
        assertTrue(e.line() >= 4, "line " + e.line());
        assertTrue(e.problem().contains("ratePerSecond must not be negative"), e.problem());
    }

    @Test
    void anUnknownFieldListsTheKnownOnes() throws IOException {
        ScenarioException e = load("name: x\nworklaod: {}\n");
        assertEquals(2, e.line());
        assertEquals("worklaod", e.field());
        assertTrue(e.problem().contains("unknown field 'worklaod'") && e.problem().contains("workload"), e.problem());
    }

    @Test
    void aWrongTypeIsReported() throws IOException {
        ScenarioException e = load("name: x\ncpus: many\n");
        assertEquals("cpus", e.field());
        assertEquals(2, e.line());
        assertTrue(e.problem().startsWith("has the wrong type"), e.problem());
    }

    @Test
    void aModeWhosePathNeverReachesTheServerIsReportedInItsFile() throws IOException {
        Files.writeString(dir.resolve("loop.yaml"), """
                name: loop
                title: a sidecar that intercepts itself
                namespaces:
                  - name: a
                    outbound: {proxy: p}
                  - name: b
                processes:
                  - {name: c, namespace: a, role: client}
                  - {name: p, namespace: a, role: proxy}
                  - {name: s, namespace: b, role: server}
                links:
                  - between: [a, b]
                """);
        ScenarioException e = load("name: x\nmodes: [loop.yaml]\n");
        assertTrue(e.file().endsWith("loop.yaml"), e.file());
        assertTrue(e.line() > 0);
        assertTrue(e.problem().contains("never reaches s"), e.problem());
    }

    @Test
    void aMissingFileIsSaidPlainly() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> LoadedScenario.load(dir.resolve("nowhere.yaml").toString()));
        assertEquals("no such file", e.problem());
    }

    @Test
    void everyBuiltInScenarioLoads() throws ScenarioException {
        for (String name : Catalog.BUILT_IN_SCENARIOS) {
            assertEquals(4, LoadedScenario.load(name).modes().size(), name);
        }
    }
}
