package org.stacklab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stacklab.sim.run.LoadedScenario;

/** Every kind of bad input gets one message naming file, line, column and field. */
class ScenarioErrorsTest {

    @TempDir
    Path dir;

    /** The shipped lab-vm profile's text, to spoil one field of. */
    private static String labVmProfile() throws IOException {
        return new String(ScenarioErrorsTest.class.getResourceAsStream("/org/stacklab/sim/profiles/lab-vm.yaml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

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
    void aModeThatCannotGoOnTwoNodesIsReportedWhereItIsWritten() throws IOException {
        ScenarioException e = load("name: x\nmodes: [sidecar@two-nodes,\n        host-routing@two-nodes-vxlan]\n");
        assertEquals(3, e.line());
        assertEquals(9, e.column());
        assertEquals("modes[1]", e.field());
        assertTrue(e.problem().startsWith("mode 'host-routing@two-nodes-vxlan': 'node-a' forwards by eBPF host routing"),
                e.problem());
    }

    @Test
    void anUnknownPlacementListsTheKnownOnes() throws IOException {
        ScenarioException e = load("name: x\ncpus: 2\nplacement: pinned\n");
        assertEquals("placement", e.field());
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("unknown placement 'pinned' (expected scheduler or same-cpu or spread)"),
                e.problem());
    }

    @Test
    void aNegativeRateNamesTheField() throws IOException {
        ScenarioException e = load("name: x\nworkload:\n  pattern: open-loop\n  ratePerSecond: -5\n");
        assertEquals("workload.ratePerSecond", e.field());
        assertEquals(4, e.line());
        assertEquals(18, e.column());
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
        assertEquals(5, e.line(), "the outbound rule that sends the proxy's own traffic back to it");
        assertEquals("namespaces[0].outbound.exempt", e.field());
        assertTrue(e.problem().contains("never reaches s"), e.problem());
    }

    /** A check a record makes after parsing points at the value at fault, not at the end of the file. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            requests: -5             | workload.requests      | 4 | 13 | requests must be at least 1
            requests: 0              | workload.requests      | 4 | 13 | requests must be at least 1
            requestBytes: -1         | workload.requestBytes  | 4 | 17 | requestBytes must be from 1
            connections: 0           | workload.connections   | 4 | 16 | connections must be from 1
            requests: 1.5            | workload.requests      | 4 | 13 | must be a whole number, not 1.5
            """)
    void aWorkloadValueIsLocatedWhereItIsWritten(String line, String field, int lineNumber, int column, String problem)
            throws IOException {
        ScenarioException e = load("name: x\nmodes: [direct]\nworkload:\n  " + line + "\n  pattern: closed-loop\n"
                + "description: the fault is above\n");
        assertEquals(field, e.field());
        assertEquals(lineNumber, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.problem().startsWith(problem), e.problem());
    }

    @Test
    void zeroCpusAndNoModesAreLocated() throws IOException {
        ScenarioException cpus = load("name: x\ncpus: 0\nseed: 4\n");
        assertEquals("cpus", cpus.field());
        assertEquals(2, cpus.line());
        ScenarioException modes = load("name: x\nmodes: []\nseed: 4\n");
        assertEquals("modes", modes.field());
        assertEquals(2, modes.line());
    }

    @Test
    void aKeyGivenTwiceIsRefusedWhereItIsRepeated() throws IOException {
        ScenarioException e = load("name: x\ncpus: 1\nseed: 2\ncpus: 2\n");
        assertEquals("cpus", e.field());
        assertEquals(4, e.line());
        assertEquals("is given twice", e.problem());
    }

    @Test
    void bytesThatAreNotUtf8AreLocated() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', 'x', '\n', 'a', (byte) 0xff, '\n'});
        ScenarioException e = assertThrows(ScenarioException.class, () -> LoadedScenario.load(file.toString()));
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        assertTrue(e.problem().startsWith("is not UTF-8 text (byte 0xff"), e.problem());
    }

    @Test
    void aFileAboveTheSizeCapIsRefusedBeforeItIsParsed() throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, "name: x\ndescription: " + "y".repeat((int) YamlFiles.MAX_BYTES) + "\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> LoadedScenario.load(file.toString()));
        assertTrue(e.problem().contains("at most " + YamlFiles.MAX_BYTES + " bytes"), e.problem());
    }

    @Test
    void aFolderIsNotAScenario() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> LoadedScenario.load(folder.toString()));
        assertEquals("is a folder, not a file", e.problem());
    }

    @Test
    void aModeFileFaultNamesTheFieldPathInsideIt() throws IOException {
        Files.writeString(dir.resolve("m.yaml"), """
                name: m
                title: a process in a namespace that is not there
                namespaces:
                  - name: a
                  - name: b
                processes:
                  - {name: c, namespace: a, role: client}
                  - {name: s, namespace: bee, role: server}
                links:
                  - between: [a, b]
                """);
        ScenarioException e = load("name: x\nmodes: [m.yaml]\n");
        assertEquals("processes[1].namespace", e.field());
        assertEquals(8, e.line());
        assertEquals(26, e.column());
    }

    @Test
    void anUnknownForwardingIsLocatedAndNamesTheChoices() throws IOException {
        Files.writeString(dir.resolve("m.yaml"), """
                name: m
                title: a node that forwards by a mechanism nobody has
                namespaces:
                  - name: a
                  - name: node
                    forwarding: bpf-magic
                  - name: b
                processes:
                  - {name: c, namespace: a, role: client}
                  - {name: s, namespace: b, role: server}
                links:
                  - between: [a, node]
                  - between: [node, b]
                """);
        ScenarioException e = load("name: x\nmodes: [m.yaml]\n");
        assertEquals("namespaces[1].forwarding", e.field());
        assertEquals(6, e.line());
        assertTrue(e.problem().contains("unknown forwarding 'bpf-magic' (expected kernel or bpf-peer-redirect)"),
                e.problem());
    }

    @Test
    void anAppPricedAsAProxyIsRefusedAtItsCosts() throws IOException {
        Files.writeString(dir.resolve("m.yaml"), """
                name: m
                title: an app with a proxy's published costs
                namespaces:
                  - name: a
                  - name: b
                processes:
                  - {name: c, namespace: a, role: client, costs: istio-sidecar-1.24}
                  - {name: s, namespace: b, role: server}
                links:
                  - between: [a, b]
                """);
        ScenarioException e = load("name: x\nmodes: [m.yaml]\n");
        assertEquals("processes[0].costs", e.field());
        assertEquals(7, e.line());
        assertTrue(e.problem().contains("only a proxy is priced at cluster scale"), e.problem());
    }

    @Test
    void anImplausibleProfileIsRefusedAtItsValue() throws IOException {
        String profile = labVmProfile();
        for (String[] slip : new String[][] {
                {"medianNs: 600,", "medianNs: 1e300,", "medianNs"}, {"medianNs: 600,  shape: 0.3", "medianNs: 600,  shape: 50",
                        "shape"}}) {
            Files.writeString(dir.resolve("p.yaml"), profile.replace(slip[0], slip[1]));
            ScenarioException e = load("name: x\nmodes: [direct]\nprofile: p.yaml\n");
            assertEquals("stages.APP_SEND.base." + slip[2], e.field(), e.getMessage());
            assertTrue(e.line() > 20, e.getMessage());
        }
    }

    @Test
    void aContextFactorOfAnUnknownSegmentIsRefusedAtItsKey() throws IOException {
        String profile = labVmProfile();
        Files.writeString(dir.resolve("p.yaml"), profile + "contextFactors:\n  \"user:proxy\": 0.5\n");
        ScenarioException e = load("name: x\nmodes: [direct]\nprofile: p.yaml\n");
        assertEquals("contextFactors.user:proxy", e.field(), e.getMessage());
        assertTrue(e.problem().contains("unknown segment 'user'") && e.problem().contains("calibrate it again"),
                e.problem());
        assertEquals(profile.lines().count() + 2, e.line(), e.getMessage());
    }

    @Test
    void aHaltPollingShareBeyondOneIsRefusedAtItsField() throws IOException {
        String profile = labVmProfile();
        Files.writeString(dir.resolve("p.yaml"), profile + "wakePlacement:\n  busyCpuFactor: 0.5\n  haltPolling:\n"
                + "    windowNs: 150000\n    slowWakeNs: 90000\n    slowWithin: 0.01\n    slowBeyond: 9.6\n");
        ScenarioException e = load("name: x\nmodes: [direct]\nprofile: p.yaml\n");
        assertEquals("wakePlacement.haltPolling.slowBeyond", e.field(), e.getMessage());
        assertTrue(e.problem().contains("slowBeyond is a share from 0 to 1, not 9.6"), e.problem());
        Files.writeString(dir.resolve("p.yaml"), profile + "wakePlacement:\n  haltPolling:\n    windowNs: 150000\n");
        e = load("name: x\nmodes: [direct]\nprofile: p.yaml\n");
        assertTrue(e.getMessage().contains("slowWakeNs"), "a missing part is named: " + e.getMessage());
    }

    @Test
    void aWorkSpreadBeyondItsRangeIsRefusedAtItsField() throws IOException {
        String profile = labVmProfile();
        Files.writeString(dir.resolve("p.yaml"), profile + "workSpread: 3\n");
        ScenarioException e = load("name: x\nmodes: [direct]\nprofile: p.yaml\n");
        assertEquals("workSpread", e.field(), e.getMessage());
        assertTrue(e.problem().contains("workSpread must be at least 0 and at most 1.25, not 3.0"), e.problem());
    }

    @Test
    void anUnknownStageIsNamedWithTheKnownOnesAndNoJavaNames() throws IOException {
        String profile = labVmProfile();
        Files.writeString(dir.resolve("p.yaml"), profile.replace("  TCP_OUT:", "  TCP_OOT:"));
        ScenarioException e = load("name: x\nmodes: [direct]\nprofile: p.yaml\n");
        assertEquals("stages.TCP_OOT", e.field());
        assertTrue(e.problem().startsWith("unknown stage 'TCP_OOT' (expected APP_SEND"), e.problem());
        assertTrue(!e.getMessage().contains("org.stacklab") && !e.getMessage().contains("java."), e.getMessage());
        assertEquals(profile.lines().toList().indexOf(profile.lines().filter(l -> l.startsWith("  TCP_OUT:"))
                .findFirst().orElseThrow()) + 1, e.line());
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
            assertEquals(Catalog.BUILT_IN_MODES.size(), LoadedScenario.load(name).modes().size(), name);
        }
    }
}
