package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stacklab.fixtures.LiveMeasurements;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.Recording;
import org.stacklab.sim.io.Json;

class StackLabCliTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void compareShowsEveryModeWithRatiosAndCrossings() {
        CliRun r = run("compare", "--requests", "2000");
        assertEquals(0, r.code(), r.err());
        for (String text : new String[] {"direct", "sidecar", "sockmap", "sidecar+sockmap", "ambient", "node-proxy",
                "host-routing", "tc peer redirects", "ratio to direct", "per request and its response", "veth packets", "where the time went", "CTX_SWITCH"}) {
            assertTrue(r.out().contains(text), "missing " + text + " in\n" + r.out());
        }
        String trips = r.out().lines().filter(l -> l.startsWith("  TCP/IP trips ")).findFirst().orElseThrow();
        assertTrue(trips.matches("\\s+TCP/IP trips\\s+2\\s+6\\s+0\\s+2\\s+6\\s+8\\s+4\\s+2\\s+2\\s+2\\s+2\\s+2\\s+6\\s+6\\s*"),
                "a round trip's trips, mode by mode: " + trips);
    }

    /** A description's "%" must be doubled for picocli, or every help shows a warning where its text should be. */
    @Test
    void everyCommandsHelpIsWrittenWithoutAWarning() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));
        try {
            java.util.Deque<picocli.CommandLine> commands = new java.util.ArrayDeque<>(
                    new picocli.CommandLine(new StackLab()).getSubcommands().values());
            while (!commands.isEmpty()) {
                picocli.CommandLine at = commands.pop();
                commands.addAll(at.getSubcommands().values());
                String command = at.getCommandSpec().qualifiedName(" ").replaceFirst("^\\S+ ", "");
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
                args.add("--help");
                CliRun r = run(args.toArray(String[]::new));
                assertEquals(0, r.code(), command + ": " + r.err());
                assertFalse(r.out().contains("%n"), command + "'s help: " + r.out());
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals("", warnings.toString(), "picocli's warnings while writing the helps");
    }

    @Test
    void noArgumentsWithoutADisplayRunCompareAndSayWhy() {
        org.junit.jupiter.api.Assumptions.assumeFalse(LabCommand.displayAvailable(), "a display is present");
        CliRun r = run();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("no display"), r.err());
        assertTrue(r.out().contains("ratio to direct"));
    }

    @Test
    void compareJsonIsTheSameForTheSameSeed() {
        CliRun first = run("compare", "--requests", "1000", "--seed", "9", "--json");
        CliRun second = run("compare", "--requests", "1000", "--seed", "9", "--json");
        assertEquals(0, first.code());
        assertEquals(first.out(), second.out());
        assertTrue(first.out().contains("\"schema\" : \"stacklab.compare/2\""));
    }

    @Test
    void simWritesATraceAtomically() throws IOException {
        Path trace = dir.resolve("sub/trace.json");
        CliRun r = run("sim", "--mode", "sockmap", "--requests", "50", "--trace-out", trace.toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(trace);
        assertTrue(json.contains("\"traceEvents\"") && json.contains("SK_MSG_REDIRECT"));
        try (var files = Files.list(trace.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left beside the trace");
        }
    }

    @Test
    void aBadScenarioIsOneLineWithExitCodeTwo() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nworkload:\n  pattern: open-loop\n  ratePerSecond: -1\n");
        CliRun r = run("compare", "--scenario", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("stacklab: " + bad + ":"), r.err());
        assertTrue(r.err().startsWith("stacklab: " + bad + ":4:18: field 'workload.ratePerSecond'"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void anUnknownModeOnTheCommandLineIsAUserError() {
        CliRun r = run("sim", "--mode", "sidcar");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown mode 'sidcar'"), r.err());
    }

    @Test
    void aBadOptionIsAUserError() {
        CliRun r = run("compare", "--requests", "lots");
        assertEquals(2, r.code());
    }

    @Test
    void probeRunSaysWhatIsWrongWithItsArgumentsBeforeAskingForRoot() {
        CliRun turns = run("probe", "run", "--mode", "direct", "--requests", "100", "--sizes", "64,1024", "--turns", "101");
        assertEquals(2, turns.code());
        assertTrue(turns.err().contains("--turns takes from 1 to 100"), turns.err());
        CliRun size = run("probe", "run", "--mode", "direct", "--sizes", "64,0");
        assertEquals(2, size.code());
        assertTrue(size.err().contains("--sizes takes message sizes from 1 to 65536 bytes, not 0"), size.err());
        CliRun parts = run("probe", "run", "--mode", "direct,sidecar", "--requests", "10", "--mode-turns", "11");
        assertEquals(2, parts.code());
        assertTrue(parts.err().contains("--mode-turns takes from 1 to 10 (the round trips), not 11"), parts.err());
    }

    @Test
    void probeIdleWakeRefusesTooFewRounds() {
        CliRun r = run("probe", "idle-wake", "--rounds", "3");
        assertEquals(2, r.code());
        assertEquals("stacklab: --rounds takes from 10 to 1,000,000, not 3", r.err().strip());
    }

    @Test
    void aModeNamedTwiceOnTheCommandLineIsOneLineAndExitCode2() {
        for (String[] args : List.of(new String[] {"compare", "--modes", "direct,sidecar,direct"},
                new String[] {"bench-cluster", "--mode", "sockmap,sockmap", "--nodes", "1"})) {
            CliRun r = run(args);
            assertEquals(2, r.code(), r.err());
            assertEquals("stacklab: mode '" + args[2].split(",")[0] + "' is named twice on the command line",
                    r.err().strip());
        }
    }

    @Test
    void aSweepTabulatesAndDrawsEachModeAgainstTheFactor() throws IOException {
        Path svg = dir.resolve("sweep.svg");
        CliRun r = run("sweep", "--over", "connections", "--values", "1,4,16", "--requests", "600", "--plot", svg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Sweep of connections over scenario default"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("sidecar  p50 model\\s+[\\d.,]+\\s+[\\d.,]+\\s+[\\d.,]+")), r.out());
        // The model's rate levels off as the two CPUs fill: under 2 CPUs busy, never more.
        double[] busy = r.out().lines().filter(l -> l.startsWith("  CPUs busy model")).findFirst().map(l -> java.util.Arrays
                .stream(l.substring(34).trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray()).orElseThrow();
        assertTrue(busy[0] < busy[2] && busy[2] <= 2.05, java.util.Arrays.toString(busy));
        String picture = Files.readString(svg);
        assertEquals(3, picture.split("<polyline", -1).length - 1, "a model line per mode: " + picture);
        assertTrue(picture.contains("stroke-dasharray"), "the model dashed");

        CliRun zero = run("sweep", "--over", "connections", "--values", "1,0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--values: 0 is not a value of connections"), zero.err());
        CliRun factor = run("sweep", "--over", "speed", "--values", "1");
        assertEquals(2, factor.code());
        assertTrue(factor.err().contains("--over takes connections, rate, size or services, not speed"), factor.err());
        assertEquals(2, run("sweep", "--over", "size", "--values", "64", "--out", dir.resolve("x.json").toString()).code(),
                "--out needs --live");
    }

    /**
     * Over the cluster's services, kube-proxy's new connections walk a rule per service and grow; socket-LB's
     * translation is a lookup and stays level. A recording cannot hold one mode in several clusters: --out is refused.
     */
    @Test
    void aSweepOverServicesGrowsKubeProxysConnectionsOnly() {
        CliRun r = run("sweep", "--scenario", "new-connections", "--modes", "kube-proxy,socket-lb", "--over", "services",
                "--values", "1,5000", "--requests", "1000");
        assertEquals(0, r.code(), r.err());
        java.util.function.Function<String, double[]> p50s = mode -> r.out().lines()
                .filter(l -> l.startsWith(mode + "  p50 model")).findFirst().map(l -> java.util.Arrays.stream(
                        l.substring(l.indexOf("model") + 5).trim().split("\\s+")).mapToDouble(v ->
                        Double.parseDouble(v.replace(",", ""))).toArray()).orElseThrow();
        double[] kubeProxy = p50s.apply("kube-proxy");
        double[] socketLb = p50s.apply("socket-lb");
        assertTrue(kubeProxy[1] > kubeProxy[0] + 50, "5,000 rules on every new connection: " + r.out());
        assertEquals(socketLb[0], socketLb[1], 0.5, "a map lookup whatever the services: " + r.out());
        CliRun saved = run("sweep", "--over", "services", "--values", "1,10", "--live", "--out",
                dir.resolve("services.json").toString());
        assertEquals(2, saved.code());
        assertTrue(saved.err().contains("a recording names each measurement by its mode"), saved.err());
    }

    /** A stream's sweep over sizes is throughput and CPU per GB, the same bytes moved at every size. */
    @Test
    void aStreamsSweepIsItsThroughputAgainstTheMessageSize() throws IOException {
        Path svg = dir.resolve("stream.svg");
        CliRun r = run("sweep", "--scenario", "stream", "--over", "size", "--values", "1024,65536", "--modes",
                "direct,sockmap", "--requests", "2000", "--plot", svg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Gbit/s / bytes"), r.out());
        double[] direct = r.out().lines().filter(l -> l.startsWith("direct  Gbit/s model")).findFirst().map(l ->
                java.util.Arrays.stream(l.substring(20).trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray())
                .orElseThrow();
        assertTrue(direct[1] > 4 * direct[0], "64 KiB messages move far more per second than 1 KiB: " + r.out());
        assertTrue(r.out().contains("CPU s per GB model"), r.out());
        assertTrue(Files.readString(svg).contains("Gbit/s against bytes"), "the picture's figure is the throughput");
    }

    @Test
    void validateSaysWhatIsWrongWithItsArgumentsBeforeMeasuring() {
        CliRun kinds = run("validate", "--kinds", "bulk");
        assertEquals(2, kinds.code());
        assertTrue(kinds.err().contains("connections, open-loop or stream, not bulk"), kinds.err());
        CliRun requests = run("validate", "--requests", "5");
        assertEquals(2, requests.code());
        assertTrue(requests.err().contains("--requests takes from 100 to 1,000,000, not 5"), requests.err());
        CliRun repeats = run("validate", "--repeats", "0");
        assertEquals(2, repeats.code());
        assertTrue(repeats.err().contains("--repeats takes from 1 to 25, not 0"), repeats.err());
        CliRun unwritable = run("validate", "--plot", "/proc/nowhere/x.svg");
        assertEquals(2, unwritable.code());
        assertTrue(unwritable.err().contains("cannot write /proc/nowhere/x.svg"), unwritable.err());
    }

    @Test
    void aWorkloadTheLiveDriverCannotGenerateIsRefusedBeforeAnythingIsBuilt() throws IOException {
        Path crowd = dir.resolve("crowd.yaml");
        Files.writeString(crowd, "name: crowd\nmodes: [direct]\nworkload:\n  connections: 1000\n");
        CliRun r = run("probe", "run", "--scenario", crowd.toString(), "--mode", "direct");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("scenario crowd: the live driver opens at most 256 connections, not 1000"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void scaleReproducesThePublishedBill() {
        CliRun r = run("scale", "--nodes", "500", "--pods-per-node", "30", "--rps-per-pod", "100");
        assertEquals(0, r.code(), r.err());
        String isovalent = r.out().lines().filter(l -> l.startsWith("isovalent-2021")).findFirst().orElseThrow();
        assertTrue(isovalent.contains("15,000") && isovalent.contains("750.0"), isovalent);
        assertTrue(r.out().contains("How the proxies' memory grows"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("sidecar ") && l.contains("15,000")
                && l.contains("istio-sidecar-1.24")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ambient ") && l.contains(" 500 ")
                && l.contains("istio-ambient-1.24")), "one ztunnel per node: " + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ambient+waypoint ") && l.contains("500 + shared")), r.out());
        assertEquals(2, run("scale", "--nodes", "0").code());
    }

    @Test
    void scaleDrawsTheGrowthAsAPicture() throws Exception {
        Path svg = dir.resolve("growth.svg");
        CliRun r = run("scale", "--plot", svg.toString());
        assertEquals(0, r.code(), r.err());
        String picture = Files.readString(svg);
        assertTrue(picture.startsWith("<svg"), picture);
        assertEquals(org.stacklab.sim.scale.ClusterBill.published().sets().size(),
                picture.split("<polyline", -1).length - 1, "a line per published set");
        assertTrue(picture.contains("isovalent-2021") && picture.contains("nodes"), picture);
    }

    @Test
    void benchClusterSimulatesEveryPodAndSavesItsResults() throws IOException {
        Path json = dir.resolve("cluster.json");
        CliRun r = run("bench-cluster", "--mode", "direct,sidecar", "--nodes", "4", "--pods-per-node", "6",
                "--seconds", "0.5", "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        // 4 nodes x 3 pairs x 100 requests/s x 0.5 s
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("sidecar ") && l.contains(" 600 ")), r.out());
        String saved = Files.readString(json);
        assertTrue(saved.contains("\"schema\" : \"stacklab.cluster/1\"") && saved.contains("\"mode\" : \"sidecar\""),
                saved);
        CliRun odd = run("bench-cluster", "--pods-per-node", "3");
        assertEquals(2, odd.code());
        assertTrue(odd.err().contains("pods per node must be an even number"), odd.err());
    }

    @Test
    void aRecordingWhoseProbeLostEventsSaysSoWhereItIsShown() throws IOException {
        Path losing = dir.resolve("losing.json");
        Path whole = dir.resolve("whole.json");
        Files.writeString(losing, Json.write(Recording.of("default", List.of(LiveMeasurements.sidecarLosing(152432)), Map.of())));
        Files.writeString(whole, Json.write(Recording.of("default", List.of(LiveMeasurements.sidecarLosing(0)), Map.of())));

        CliRun shown = run("probe", "show", losing.toString());
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().lines().anyMatch(l -> l.startsWith("  path-probe events lost") && l.endsWith("152,432")),
                shown.out());
        assertTrue(shown.out().contains("the crossings and segments of those modes are incomplete"), shown.out());
        assertFalse(run("probe", "show", whole.toString()).out().contains("lost"), "nothing said when nothing was lost");
    }

    @Test
    void probeShowSaysHowManyReadersWereWokenOnTheirWakersCpu() throws IOException {
        Path recording = dir.resolve("woken.json");
        Files.writeString(recording, Json.write(Recording.of("default", List.of(LiveMeasurements.sidecarLosing(0)),
                Map.of())));

        CliRun shown = run("probe", "show", recording.toString());
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().lines().anyMatch(l -> l.startsWith("  wake-ups on the waker's CPU") && l.endsWith(" 50 %")),
                shown.out());
    }

    @Test
    void probeShowSaysHowMuchOfTheCpusTheHostTookAndWarnsWhenItWasMuch() throws IOException {
        ObjectNode recording = Json.mapper().valueToTree(
                Recording.of("default", List.of(LiveMeasurements.sidecarLosing(0)), Map.of()));
        ((ObjectNode) recording.get("measurements").get(0)).put("hostStolenShare", 0.123);
        Path stolen = dir.resolve("stolen.json");
        Files.writeString(stolen, Json.write(recording));

        CliRun shown = run("probe", "show", stolen.toString());
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().lines().anyMatch(l -> l.startsWith("CPU time the host took (steal)")
                && l.endsWith(" 12.3 %")), shown.out());
        assertTrue(shown.out().contains("The host took more than 5 % of the CPUs' time (steal) while sidecar ran"),
                shown.out());
        CliRun older = run("probe", "show", writeRecording(LiveMeasurements.sidecarLosing(0)).toString());
        assertTrue(older.out().lines().anyMatch(l -> l.startsWith("CPU time the host took (steal)") && l.endsWith("-")),
                "not recorded then: " + older.out());
        assertFalse(older.out().contains("The host took"), older.out());
    }

    private Path writeRecording(LiveMeasurement measurement) throws IOException {
        Path file = dir.resolve("recording-" + System.nanoTime() + ".json");
        Files.writeString(file, Json.write(Recording.of("default", List.of(measurement), Map.of())));
        return file;
    }

    @Test
    void probeShowNamesTheFieldABadRecordingIsMissing() throws IOException {
        ObjectNode recording = Json.mapper().valueToTree(
                Recording.of("default", List.of(LiveMeasurements.sidecarLosing(0)), Map.of()));
        ((ObjectNode) recording.get("measurements").get(0)).remove("predicted");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Json.write(recording));

        CliRun shown = run("probe", "show", bad.toString());
        assertEquals(2, shown.code(), shown.out());
        assertTrue(shown.err().contains(bad + ":") && shown.err().contains("field 'measurements[0].predicted'")
                && shown.err().contains("required but missing"), shown.err());
        assertFalse(shown.err().contains("Exception"), shown.err());
    }

    @Test
    void benchSaysHowMuchOfTheCpusTheHostTookWhileItMeasured() {
        CliRun r = run("bench", "--shape", "ring", "--seconds", "0.3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("events/s") && r.out().lines().anyMatch(l -> l.matches(
                "  host steal \\d+\\.\\d % of the CPUs' time while measuring")), r.out());
    }

    @Test
    void benchGivesTheMedianOfItsRunsBetweenTheSlowestAndTheFastest() {
        CliRun r = run("bench", "--seconds", "0.3");
        assertEquals(0, r.code(), r.err());
        Pattern rates = Pattern.compile("  (events|requests)/s +([\\d,]+) \\(median; ([\\d,]+) to ([\\d,]+)\\)");
        List<Matcher> lines = r.out().lines().map(rates::matcher).filter(Matcher::matches).toList();
        assertEquals(2, lines.size(), r.out());
        for (Matcher line : lines) {
            long median = Long.parseLong(line.group(2).replace(",", ""));
            long slowest = Long.parseLong(line.group(3).replace(",", ""));
            long fastest = Long.parseLong(line.group(4).replace(",", ""));
            assertTrue(slowest > 0 && slowest <= median && median <= fastest, r.out());
        }
    }

    @Test
    void benchRecordsItsMeasurementWithTheFlightRecorderAndSaysWhereTheTimeWent() throws IOException {
        Path jfr = dir.resolve("ring.jfr");
        CliRun r = run("bench", "--shape", "ring", "--seconds", "0.5", "--jfr", jfr.toString());
        assertEquals(0, r.code(), r.err());
        Matcher samples = Pattern.compile("where the measuring thread was found, of ([\\d,]+) samples").matcher(r.out());
        assertTrue(samples.find() && Integer.parseInt(samples.group(1).replace(",", "")) > 0, r.out());
        List<String> hot = r.out().lines().filter(l -> l.matches(" +\\d+\\.\\d %  \\S+")).toList();
        assertFalse(hot.isEmpty(), r.out());
        assertTrue(hot.stream().anyMatch(l -> l.contains("org.stacklab.sim.engine.")), "the engine's own methods: " + hot);
        double shown = hot.stream().mapToDouble(l -> Double.parseDouble(l.trim().split(" ")[0])).sum();
        assertTrue(shown <= 100.05, "shares of one thread's samples: " + hot);
        assertTrue(jdk.jfr.consumer.RecordingFile.readAllEvents(jfr).stream()
                .anyMatch(e -> e.getEventType().getName().equals("jdk.ExecutionSample")), "a recording of samples");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(jfr), left.toList(), "nothing but the recording");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--jfr", "--out"})
    void benchRefusesAFileItCannotWriteBeforeItMeasures(String option) {
        CliRun r = run("bench", "--shape", "ring", "--seconds", "30", option, dir.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("is a folder"), r.err());
        assertFalse(r.err().contains("Exception") || r.out().contains("events/s"), r.out() + r.err());
    }

    @Test
    void benchSavesEveryRunsRateWithTheMachineAndTheTime() throws IOException {
        Path saved = dir.resolve("bench.json");
        CliRun r = run("bench", "--seconds", "0.3", "--out", saved.toString());
        assertEquals(0, r.code(), r.err());
        var json = Json.mapper().readTree(saved.toFile());
        assertEquals("stacklab.bench/1", json.get("schema").asText());
        assertTrue(json.get("subject").asText().contains("scenario default, mode sidecar"), json.toString());
        assertTrue(json.get("machine").get("cpus").asInt() >= 1 && !json.get("measuredAt").asText().isEmpty());
        for (String rate : new String[] {"eventsPerSecond", "requestsPerSecond"}) {
            var rates = json.get(rate);
            assertFalse(rates.get("runs").isEmpty(), rate);
            double median = rates.get("median").asDouble();
            assertTrue(rates.get("slowest").asDouble() <= median && median <= rates.get("fastest").asDouble(), rate);
        }
        String printed = String.format(java.util.Locale.ROOT, "  events/s   %,.0f (median;",
                json.get("eventsPerSecond").get("median").asDouble());
        assertTrue(r.out().contains(printed), "the saved median is the printed one: " + printed + " in " + r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "compare", "bench", "scale", "lesson", "doctor", "probe", "lab", "bench-lab",
        "bench-cluster", "sweep", "validate", "calibrate"})
    void everySubcommandHasHelp(String command) {
        CliRun r = run(command, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: stacklab " + command), r.out());
    }
}
