package org.stacklab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.probe.LiveAssumptions;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.trace.StageVisit;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lab window, headless: stepping, playing, switching modes, a bad file, and snapshots for review. */
@ExtendWith(ApplicationExtension.class)
class LabViewTest {

    private static final Path SNAPSHOTS = Path.of(System.getProperty("stacklab.snapshots", "target/snapshots"));

    private LabView view;

    @TempDir
    Path dir;

    @Start
    void start(javafx.stage.Stage stage) {
        view = new LabView();
        stage.setScene(new Scene(view, 1400, 940));
        stage.show();
    }

    /** The trace the left pane steps through, made independently of the window. */
    private static List<StageVisit> expectedTrace(String mode, long requests) throws Exception {
        LoadedScenario loaded = LoadedScenario.load(Catalog.DEFAULT_SCENARIO);
        LoadedScenario small = loaded.scenarioWithWorkload(loaded.scenario().workload().withRequests(requests));
        Mode m = small.modes().stream().filter(x -> x.name().equals(mode)).findFirst().orElseThrow();
        return ModeRun.simulate(small, m, requests).trace();
    }

    @Test
    void steppingForwardAndBackHighlightsTheTracesStages(FxRobot robot) throws Exception {
        List<StageVisit> trace = expectedTrace("sidecar", LabView.STEP_REQUESTS);
        robot.clickOn("#left-diagram");
        for (int i = 0; i < 12; i++) {
            robot.type(KeyCode.RIGHT);
        }
        assertEquals(trace.get(11), view.left().current().orElseThrow(), "the 12th step shows the trace's 12th visit");
        String caption = robot.lookup("#left-caption").queryAs(Label.class).getText();
        assertTrue(caption.lines().skip(1).findFirst().orElse("").startsWith(trace.get(11).stage().name() + " in "),
                caption);
        robot.type(KeyCode.LEFT, 2);
        assertEquals(trace.get(9), view.left().current().orElseThrow(), "two steps back");
        robot.clickOn("#step");
        assertEquals(trace.get(10), view.left().current().orElseThrow());
        robot.type(KeyCode.HOME);
        assertTrue(view.left().current().isEmpty(), "Home goes back to the start");
        snapshot("lab-stepped");
    }

    @Test
    void playingToTheEndCountsWhatTheTraceHolds(FxRobot robot) throws Exception {
        LoadedScenario loaded = LoadedScenario.load(Catalog.DEFAULT_SCENARIO);
        robot.interact(() -> {
            view.useScenario(loaded.scenarioWithWorkload(loaded.scenario().workload().withRequests(3)), "sidecar", "sockmap");
            view.setSpeed(2000);
        });
        robot.clickOn("#play");
        waitUntil(20, TimeUnit.SECONDS, () -> !view.playing());
        List<StageVisit> sidecar = expectedTrace("sidecar", 3);
        assertEquals(sidecar.size(), view.left().shown().size(), "every visit was shown");
        assertEquals(3, view.left().requestsEnded());
        assertEquals(6, view.left().tcpIpCrossings(), "the last request crossed TCP/IP 3 times each way");
        assertEquals(0, view.right().tcpIpCrossings(), "sockmap's request never entered TCP/IP");
        String counters = robot.lookup("#left-counters").queryAs(Label.class).getText();
        assertTrue(counters.contains("6 of 6 TCP/IP trips per round trip"), counters);
        assertEquals("6", view.left().crossingBadge(), "the badge reads 6 at the end of a sidecar round trip");
    }

    @Test
    void choosingAScenarioSimulatesItAndABadScenarioFileIsReported(FxRobot robot) throws Exception {
        robot.interact(() -> view.openScenario("bulk"));
        assertTrue(view.left().sourceText().startsWith("simulated: bulk"), view.left().sourceText());
        Path bad = dir.resolve("bad-scenario.yaml");
        Files.writeString(bad, "name: x\nworkload:\n  connections: -3\n");
        robot.interact(() -> view.openScenario(bad.toString()));
        assertTrue(view.errorText().startsWith(bad + ":"), view.errorText());
        assertTrue(view.errorText().contains("connections"), view.errorText());
        assertTrue(view.left().sourceText().startsWith("simulated: bulk"), "the panes keep what they showed");
    }

    @Test
    void switchingAPanesModeStepsThroughTheNewMode(FxRobot robot) throws Exception {
        robot.interact(() -> view.left().modeChoice().setValue("direct"));
        assertEquals("direct", view.left().mode().name());
        robot.clickOn("#step");
        assertEquals(expectedTrace("direct", LabView.STEP_REQUESTS).get(0), view.left().current().orElseThrow());
    }

    @Test
    void aModeOnTwoNodesIsShownByTheChoicesOfModeAndNodes(FxRobot robot) throws Exception {
        Path file = dir.resolve("across.yaml");
        Files.writeString(file, "name: across\nmodes: [sockmap, sockmap@two-nodes]\n");
        var loaded = org.stacklab.sim.run.LoadedScenario.load(file.toString());
        robot.interact(() -> view.useScenario(loaded, "sockmap", "sockmap@two-nodes")); // as a lesson's step does
        assertEquals("sockmap@two-nodes", view.right().mode().name());
        assertEquals("sockmap", view.right().modeChoice().getValue(), "the choices name what the pane shows");
        assertEquals("two nodes", view.right().nodesChoice().getValue());
        assertEquals("one node", view.left().nodesChoice().getValue());
    }

    @Test
    void anyModeGoesOnTwoNodesFromThePanesChoiceAndOneThatCannotIsSaid(FxRobot robot) {
        robot.interact(() -> view.left().nodesChoice().setValue("two nodes, VXLAN"));
        assertEquals("sidecar@two-nodes-vxlan", view.left().mode().name(), "the scenario's mode, spread");
        assertTrue(view.left().plan().mode().topology().nodes().containsAll(List.of("node-a", "node-b")));
        robot.interact(() -> view.left().modeChoice().setValue("host-routing"));
        assertTrue(view.errorText().contains("host-routing@two-nodes-vxlan") && view.errorText().contains("overlay"),
                view.errorText());
        assertEquals("sidecar@two-nodes-vxlan", view.left().mode().name(), "the pane keeps what it showed");
        assertEquals("sidecar", view.left().modeChoice().getValue(), "and so do its choices");
        robot.interact(() -> view.left().nodesChoice().setValue("one node"));
        assertEquals("sidecar", view.left().mode().name());
        assertEquals("", view.errorText(), "a mode that can be had clears the error");
    }

    @Test
    void theFlowViewDrawsEveryRequestInFlight(FxRobot robot) throws Exception {
        robot.clickOn("#flow");
        waitUntil(60, TimeUnit.SECONDS, () -> view.left().inFlow() && view.right().inFlow());
        robot.interact(() -> {
            view.setSpeed(50);
            view.setPlaying(true);
        });
        waitUntil(20, TimeUnit.SECONDS, () -> view.left().packetsShown() > 100);
        assertTrue(view.right().packetsShown() > 0, "the other pane plays too");
        robot.interact(() -> view.setPlaying(false));
        List<FlowPlayer.RunQueue> queues = view.left().runQueuesShown();
        assertEquals(2, queues.size(), "a run queue per CPU of the scenario's two: " + queues);
        java.util.Set<String> processes = new java.util.HashSet<>();
        view.left().mode().topology().processes().forEach(p -> processes.add(p.name()));
        for (FlowPlayer.RunQueue queue : queues) {
            assertTrue(queue.running().size() <= 1, "a CPU runs one process at a time: " + queue);
            assertTrue(processes.containsAll(queue.running()) && processes.containsAll(queue.waiting()), queue.toString());
        }
        assertTrue(queues.stream().anyMatch(q -> !q.waiting().isEmpty()),
                "300 connections through four processes on two CPUs: some wait for a CPU " + queues);
        snapshot("lab-flow");
        robot.clickOn("#flow");
        assertFalse(view.left().inFlow(), "stepping again");
    }

    @Test
    void walkingALessonMovesThePanesAndChecksAnAnswer(FxRobot robot) throws Exception {
        robot.clickOn("#lessons");
        LessonPanel panel = view.lessonPanel();
        assertEquals(List.of("01-a-requests-journey", "02-what-a-sidecar-adds", "03-socket-level-redirect",
                "04-sidecar-plus-sockmap", "05-the-bill-at-cluster-scale", "06-measure-it-yourself",
                "07-sidecarless-is-not-stackless", "08-when-does-redirect-help"), panel.lessonNames(),
                "the shipped lessons, in order");
        robot.interact(() -> panel.open("02-what-a-sidecar-adds"));
        assertEquals("direct", view.left().mode().name());
        assertEquals("sidecar", view.right().mode().name());
        assertEquals(Stage.NF_OUTPUT, view.left().current().orElseThrow().stage(), "the step's highlight");
        robot.clickOn("#lesson-next");
        assertEquals(1, panel.step());
        robot.interact(() -> panel.answer("3")); // typing into a field is flaky headless; this is the same path
        waitUntil(30, TimeUnit.SECONDS,
                () -> !robot.lookup("#lesson-feedback").queryAs(Label.class).getText().startsWith("Computing"));
        String feedback = robot.lookup("#lesson-feedback").queryAs(Label.class).getText();
        assertTrue(feedback.startsWith("Right. The simulation says: 3."), feedback);
        robot.clickOn("#lesson-next");
        robot.interact(() -> panel.answer("9"));
        waitUntil(30, TimeUnit.SECONDS,
                () -> !robot.lookup("#lesson-feedback").queryAs(Label.class).getText().startsWith("Computing"));
        assertTrue(robot.lookup("#lesson-feedback").queryAs(Label.class).getText().startsWith("Not quite."));
        snapshot("lab-lesson");
    }

    @Test
    void aRecordingsModesAreShownAsThemselvesWhereTheScenarioLacksThem(FxRobot robot) throws Exception {
        Path file = dir.resolve("only-direct.yaml");
        Files.writeString(file, "name: only-direct\nmodes: [direct]\n");
        robot.interact(() -> view.openScenario(file.toString()));
        robot.interact(() -> view.openRecording(Path.of("..", "lessons", "recordings", "lab-vm-connections-sweep.json")));
        assertEquals("direct", view.left().mode().name());
        assertEquals("sidecar", view.right().mode().name(), "the recording's second mode, not the scenario's first");
    }

    /**
     * A recording of several workloads (the shipped connections sweep): every measurement is in both panes'
     * source menus, one of 16 connections (no trip the probe could follow) says what was measured instead of
     * stepping, and the sweep is drawn beside the charts.
     */
    @Test
    void aPaneShowsAnyWorkloadOfARecordingAndTheChartsItsSweep(FxRobot robot) throws Exception {
        Path sweep = Path.of("..", "lessons", "recordings", "lab-vm-connections-sweep.json");
        robot.interact(() -> view.openRecording(sweep));
        List<String> recorded = view.left().sourceEntries().stream().filter(e -> e.startsWith("Recorded: ")).toList();
        assertEquals(9, recorded.size(), "three modes at three connection counts: " + recorded);
        assertTrue(recorded.contains("Recorded: sockmap — closed-loop, 16 connections, 64 B request / 64 B response"),
                recorded.toString());
        assertTrue(view.chartsShowSweep(), "the recording's sweep is drawn");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.chart.Chart breakdown = robot.lookup("#breakdown").queryAs(javafx.scene.chart.Chart.class);
        assertTrue(breakdown.lookup(".chart-legend").isVisible(), "three charts in the row, the segments' legend kept");
        assertEquals(org.stacklab.sim.stack.Segment.values().length, breakdown.lookupAll(".chart-legend-item").size());
        robot.interact(() -> view.left().chooseRecorded(recorded.indexOf(
                "Recorded: sockmap — closed-loop, 16 connections, 64 B request / 64 B response")));
        assertEquals("sockmap", view.left().mode().name());
        assertTrue(view.left().sourceText().endsWith("16 connections, 64 B request / 64 B response"),
                view.left().sourceText());
        String caption = robot.lookup("#left-caption").queryAs(Label.class).getText();
        assertTrue(caption.startsWith("Measured with several messages in flight") && caption.contains("p50"), caption);
        LoadedScenario simulated = LoadedScenario.load(Catalog.DEFAULT_SCENARIO);
        robot.interact(() -> view.useScenario(simulated, "sidecar", "sockmap"));
        assertFalse(view.chartsShowSweep(), "a simulated scenario has no recorded sweep");
    }

    /** Both panes on one mode (two profiles, say): the right one's line is a darker shade, or the two would be one. */
    @Test
    void twoPanesOfOneModeDrawTwoLines(FxRobot robot) throws Exception {
        LoadedScenario simulated = LoadedScenario.load(Catalog.DEFAULT_SCENARIO);
        robot.interact(() -> view.useScenario(simulated, "sidecar", "sidecar"));
        @SuppressWarnings("unchecked")
        javafx.scene.chart.LineChart<Number, Number> cdf = robot.lookup("#latency-cdf")
                .queryAs(javafx.scene.chart.LineChart.class);
        waitUntil(30, TimeUnit.SECONDS, () -> cdf.getData().size() == 2
                && cdf.getData().stream().allMatch(series -> series.getName().startsWith("sidecar")));
        WaitForAsyncUtils.waitForFxEvents();
        String left = cdf.getData().get(0).getNode().getStyle();
        String right = cdf.getData().get(1).getNode().getStyle();
        assertTrue(left.contains(ModeColors.css("sidecar")) && !left.contains("derive"), left);
        assertTrue(right.contains("derive(" + ModeColors.css("sidecar")), right);
    }

    @Test
    void theProgressBarAndItsCancelShowOnlyWhileWorkRuns(FxRobot robot) throws Exception {
        boolean[] shownWhileRunning = new boolean[1];
        robot.interact(() -> {
            view.openScenario("bulk"); // its charts are simulated in the background
            shownWhileRunning[0] = view.showsWork() && robot.lookup("#cancel").query().isVisible();
        });
        assertTrue(shownWhileRunning[0], "the charts' simulation shows its progress and a Cancel");
        waitUntil(60, TimeUnit.SECONDS, () -> !view.showsWork());
        assertFalse(robot.lookup("#cancel").query().isVisible(), "no Cancel once nothing runs");
        assertFalse(robot.lookup("#progress").query().isVisible(), "no full bar once nothing runs");
        assertTrue(view.statusText().startsWith("Charts of"), view.statusText());
    }

    @Test
    void aBadRecordingShowsAReadableMessage(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schema\": \"stacklab.recording/2\", \"measurements\": [ {\"mode\": }\n");
        robot.interact(() -> view.openRecording(view.left(), bad));
        waitUntil(30, TimeUnit.SECONDS, () -> !view.statusText().startsWith("Simulating"));
        String error = view.errorText();
        assertTrue(error.startsWith(bad.toString() + ":"), error);
        assertFalse(error.contains("Exception"), "no stack trace: " + error);
    }

    @Test
    void theViewExportsAsPngAndTraceAndPresenterModeSnapshots(FxRobot robot) throws Exception {
        robot.clickOn("#left-diagram");
        for (int i = 0; i < 30; i++) {
            robot.type(KeyCode.RIGHT);
        }
        waitUntil(30, TimeUnit.SECONDS, () -> !view.statusText().startsWith("Simulating"));
        Path trace = dir.resolve("trace.json");
        robot.interact(() -> view.export(trace, "json"));
        assertTrue(Files.readString(trace).contains("\"traceEvents\""));
        Path csv = dir.resolve("trace.csv");
        robot.interact(() -> view.export(csv, "csv"));
        assertEquals(30, view.left().shown().size());
        assertEquals(1 + 30 + view.right().shown().size(), Files.readAllLines(csv).size(),
                "a header and the visits of both panes (sockmap's waits at the end of its request for sidecar's)");
        snapshot("lab-default");
        robot.clickOn("#presenter");
        snapshot("lab-presenter");
    }

    @Test
    void onePaneMeasuredLiveBesideTheSameModeSimulated(FxRobot robot) throws Exception {
        LiveAssumptions.requireLive();
        robot.interact(() -> view.right().modeChoice().setValue("sidecar"));
        waitUntil(60, TimeUnit.SECONDS, () -> view.left().liveAvailabilityKnown());
        assertTrue(view.left().liveAvailable(), view.left().liveText());
        robot.interact(() -> view.left().measureLive()); // a popup menu's item is not reliably clickable headless
        waitUntil(120, TimeUnit.SECONDS,
                () -> view.left().sourceText().startsWith("measured on") || !view.errorText().isEmpty());
        assertEquals("", view.errorText());
        assertTrue(view.right().sourceText().startsWith("simulated"), view.right().sourceText());
        robot.clickOn("#left-diagram");
        robot.type(KeyCode.RIGHT, 3);
        StageVisit measured = view.left().current().orElseThrow();
        assertEquals("sidecar", view.left().mode().name());
        assertTrue(measured.durationNs() > 0, "a measured visit: " + measured);
        snapshot("lab-live");
    }

    /**
     * Waits until {@code condition} holds, then until the FX thread has finished what it was doing: the
     * condition is read off the FX thread, which may still be in the middle of the change that made it true.
     */
    private static void waitUntil(long timeout, TimeUnit unit, java.util.concurrent.Callable<Boolean> condition)
            throws Exception {
        WaitForAsyncUtils.waitFor(timeout, unit, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void snapshot(String name) throws Exception {
        Files.createDirectories(SNAPSHOTS);
        Path file = SNAPSHOTS.resolve(name + ".png");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> view.export(file, "png")).get(10, TimeUnit.SECONDS);
        assertTrue(Files.size(file) > 10_000, file + " holds a picture");
    }
}
