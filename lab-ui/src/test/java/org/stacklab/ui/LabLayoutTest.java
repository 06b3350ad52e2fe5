package org.stacklab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Stage;
import org.stacklab.ui.path.PathPlan;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lab on the smallest screen a classroom has (1280x720): what it draws, and nothing cut short. */
@ExtendWith(ApplicationExtension.class)
class LabLayoutTest {

    private static final Path SNAPSHOTS = Path.of(System.getProperty("stacklab.snapshots", "target/snapshots"));

    private LabView view;

    @Start
    void start(javafx.stage.Stage stage) {
        view = new LabView();
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    /** Every control whose text its skin had to shorten ("crossed the TCP/IP stac…"). */
    private static List<String> elided(Node root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (node instanceof Labeled labeled && labeled.isVisible() && labeled.getText() != null
                && !labeled.getText().isEmpty()) {
            for (Node shown : labeled.lookupAll(".text")) {
                if (shown instanceof Text text && text.getParent() == labeled
                        && !text.getText().replace("\n", "").equals(labeled.getText().replace("\n", ""))
                        && text.getText().contains(labeled.getEllipsisString())) {
                    cut.add(labeled.getText() + " shown as " + text.getText());
                }
            }
        }
        if (!node.isVisible() || node instanceof javafx.scene.control.TitledPane folded && !folded.isExpanded()) {
            return; // what is not on screen cannot be cut short on it (a folded pane's title is checked above)
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, cut));
        }
    }

    @Test
    void at1280x720NothingIsCutShortInEitherStyle(FxRobot robot) throws Exception {
        for (int i = 0; i < 40; i++) {
            robot.interact(() -> view.left().forward());
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), elided(view), "at 1280x720");
        assertFitsTheWindow();
        snapshot("lab-1280x720");
        robot.clickOn("#presenter");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), elided(view), "at 1280x720 in presenter mode");
        assertFitsTheWindow();
        snapshot("lab-1280x720-presenter");
        robot.clickOn("#presenter");
    }

    /**
     * At 1280x720 in presenter style, where labels are large and boxes narrow, the current stage's label never
     * covers a REDIRECT's badge as the sidecar's request and response are stepped through.
     */
    @Test
    void theCurrentStagesLabelLeavesTheRedirectsBadgesInSight(FxRobot robot) {
        robot.clickOn("#presenter");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> covering = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            robot.interact(() -> view.left().forward());
            if (view.left().diagram().currentLabelCoversABadge()) {
                covering.add(i + ": " + view.left().current().orElseThrow().stage());
            }
        }
        robot.clickOn("#presenter");
        assertEquals(List.of(), covering, "steps whose label covers a REDIRECT's badge");
    }

    /** Nothing falls off the bottom of the window: the status bar is on screen. */
    private void assertFitsTheWindow() {
        for (String id : List.of("reset", "back", "play", "step", "jump", "next-request", "speed", "speed-readout",
                "lessons", "events-toggle", "flow", "presenter", "scenario", "scenario-file", "seed", "apply-seed", "open", "measure-live",
                "export-png", "export-trace", "export-csv")) {
            Node control = view.lookup("#" + id);
            assertTrue(control != null, id + " is on its toolbar, not folded into the overflow menu");
            assertTrue(control.localToScene(control.getBoundsInLocal()).getMaxX() <= view.getScene().getWidth() + 0.5,
                    id + " is within the window");
        }
        for (String id : List.of("#status", "#cancel", "#charts", "#left-counters", "#right-counters")) {
            javafx.geometry.Bounds at = view.lookup(id).localToScene(view.lookup(id).getBoundsInLocal());
            assertTrue(at.getMaxY() <= view.getScene().getHeight() + 0.5, id + " ends at " + at.getMaxY()
                    + ", below the window's " + view.getScene().getHeight());
        }
    }

    @Test
    void theSidecarDiagramHasThreeNumberedTripsEachWayAndSockmapABypass() {
        PathPlan sidecar = view.left().plan();
        assertEquals("sidecar", sidecar.mode().name());
        for (Direction d : List.of(Direction.REQUEST, Direction.RESPONSE)) {
            assertEquals(List.of(1, 2, 3), sidecar.passes(d).stream().map(PathPlan.Pass::number).toList());
        }
        PathPlan sockmap = view.right().plan();
        assertTrue(sockmap.passes(Direction.REQUEST).stream().allMatch(PathPlan.Pass::bypass));
        assertEquals(0, sockmap.tcpIpPasses(Direction.REQUEST));
    }

    @Test
    void aLessonsHighlightStopsThePaneWhoseModeHasTheStage(FxRobot robot) throws Exception {
        LoadedScenario loaded = LoadedScenario.load(Catalog.DEFAULT_SCENARIO);
        robot.interact(() -> view.useScenario(loaded, "direct", "sockmap"));
        robot.interact(() -> view.pauseAt(Stage.SK_MSG_REDIRECT, 0));
        assertEquals(Stage.SK_MSG_REDIRECT, view.right().current().orElseThrow().stage(), "sockmap stops at it");
        assertTrue(view.left().current().isEmpty(), "direct, which has none, stays where it was");
    }

    @Test
    void thePanesStayOnOneRequestAndJumpTripByTrip(FxRobot robot) {
        robot.clickOn("#left-diagram");
        for (int i = 0; i < 60; i++) {
            robot.type(javafx.scene.input.KeyCode.RIGHT);
        }
        assertEquals(view.left().current().orElseThrow().request(), view.right().current().orElseThrow().request(),
                "sockmap's short request waits for sidecar's long one");
        robot.interact(view::reset);
        robot.interact(() -> view.left().forward());
        robot.press(javafx.scene.input.KeyCode.SHIFT).type(javafx.scene.input.KeyCode.RIGHT)
                .release(javafx.scene.input.KeyCode.SHIFT);
        String caption = robot.lookup("#left-caption").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(caption.startsWith("Request, TCP/IP trip 2 of 3: client-proxy → server-proxy"), caption);
        assertEquals("1", view.left().crossingBadge(), "one trip done");
    }

    @Test
    void lessonSixReplaysTheShippedRecordingSoALaptopShowsMeasuredPanes(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.lessonPanel().open("06-measure-it-yourself");
            view.lessonPanel().show(2);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.left().sourceText().startsWith("measured on"), view.left().sourceText());
        assertEquals("direct", view.left().mode().name());
        assertEquals("sidecar", view.right().mode().name());
        long most = WaitForAsyncUtils.asyncFx(() -> {
            long seen = 0;
            for (int i = 0; i < 200 && view.right().forward().isPresent(); i++) {
                seen = Math.max(seen, view.right().tcpIpCrossings());
            }
            return seen;
        }).get(30, TimeUnit.SECONDS);
        assertEquals(6, most, "the kernel's sidecar round trips cross TCP/IP three times each way, as the model's");
    }

    @Test
    void aQuestionHidesWhatWouldAnswerItAndChoicesAreButtons(FxRobot robot) throws Exception {
        robot.interact(() -> view.lessonPanel().open("03-socket-level-redirect"));
        robot.interact(() -> view.lessonPanel().show(3));
        assertTrue(view.figuresHidden(), "the charts and counters wait for the answer");
        assertTrue(!robot.lookup("#stats").query().isVisible());
        assertTrue(!robot.lookup("#left-crossings").query().isVisible());
        robot.interact(() -> ((javafx.scene.control.Button) view.lessonPanel().lookup("#lesson-choice-sockmap")).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !view.figuresHidden());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#stats").query().isVisible(), "answered: the figures come back");
        robot.interact(() -> view.lessonPanel().show(4));
        robot.interact(() -> ((javafx.scene.control.Button) view.lessonPanel().lookup("#lesson-next")).fire());
        assertTrue(view.lessonPanel().narrationText().contains("done. Predictions right:"),
                view.lessonPanel().narrationText());
    }

    @Test
    void theEventListShowsTheWholeRequestAndAClickTakesThePaneThere(FxRobot robot) {
        robot.clickOn("#events-toggle");
        for (int i = 0; i < 20; i++) {
            robot.interact(view::stepOnce);
        }
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<org.stacklab.sim.trace.StageVisit> list =
                robot.lookup("#left-events").queryAs(javafx.scene.control.ListView.class);
        assertTrue(list.getItems().size() > 50, "the sidecar request's visits, shown and to come: " + list.getItems().size());
        assertEquals(view.left().current().orElseThrow(), list.getSelectionModel().getSelectedItem());
        org.stacklab.sim.trace.StageVisit later = list.getItems().get(40);
        robot.interact(() -> list.getSelectionModel().select(later));
        assertEquals(later, view.left().current().orElseThrow(), "a click goes forward to the visit");
        org.stacklab.sim.trace.StageVisit earlier = list.getItems().get(5);
        robot.interact(() -> list.getSelectionModel().select(earlier));
        assertEquals(earlier, view.left().current().orElseThrow(), "and back");
        robot.clickOn("#events-toggle");
    }

    @Test
    void theButtonsGlyphsAreInDebiansStockFont() {
        java.awt.Font dejavu = new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 12);
        org.junit.jupiter.api.Assumptions.assumeTrue(dejavu.getFamily().equals("DejaVu Sans"), "no DejaVu Sans here");
        List<String> texts = new ArrayList<>(List.of(LabToolbars.PLAY, LabToolbars.PAUSE));
        view.lookupAll(".button").forEach(n -> texts.add(((Labeled) n).getText()));
        for (String text : texts) {
            for (char c : text.toCharArray()) {
                assertTrue(dejavu.canDisplay(c), "'" + c + "' (U+" + Integer.toHexString(c) + ") of '" + text + "'");
            }
        }
        assertTrue(!dejavu.canDisplay('\u23f8'), "the test can tell: DejaVu has no ⏸");
    }

    @Test
    void theSpeedIsLogarithmicWithAReadout(FxRobot robot) {
        robot.interact(() -> view.setSpeed(10));
        assertEquals("10 steps/s", robot.lookup("#speed-readout").queryAs(javafx.scene.control.Label.class).getText());
        robot.interact(() -> view.setSpeed(2000));
        assertEquals(2000, view.stepsPerSecond());
    }

    private void snapshot(String name) throws Exception {
        Files.createDirectories(SNAPSHOTS);
        Path file = SNAPSHOTS.resolve(name + ".png");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> view.export(file, "png")).get(10, TimeUnit.SECONDS);
    }
}
