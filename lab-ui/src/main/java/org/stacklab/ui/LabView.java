package org.stacklab.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.concurrent.Task;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.run.StepThrough;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.topology.TwoNodes;
import org.stacklab.sim.trace.StageVisit;
import org.stacklab.sim.workload.Workload;

/**
 * The lab's window: two panes side by side (sidecar and socket-level redirect by default) stepped
 * together, classroom controls, and below them the latency distribution and where the time goes,
 * computed in the background. All work beyond drawing runs off the FX thread.
 */
public final class LabView extends BorderPane implements LabToolbars.Actions {

    /** Requests a pane steps through: enough for a class, few enough to replay at once. */
    static final long STEP_REQUESTS = 200;
    /** Round trips per mode when the lab measures live: a few seconds per mode. */
    static final long LIVE_ROUND_TRIPS = 5000;
    /** Connections of the flow view's workload: as many requests in flight per pane. */
    static final int FLOW_CONNECTIONS = 300;

    private final PaneView left = new PaneView(Catalog.ONE_NODE_MODES, "left");
    private final PaneView right = new PaneView(Catalog.ONE_NODE_MODES, "right");
    private final TwinPanes panes = new TwinPanes(left, right);
    private final RecordingOpener recordings = new RecordingOpener(panes, new RecordingOpener.Lab() {
        @Override
        public Mode mode(String name) {
            return LabView.this.mode(name);
        }

        @Override
        public void showSweep(Optional<RecordedSweep> sweep) {
            charts.showSweep(sweep);
            recomputeCharts();
        }

        @Override
        public void say(String message) {
            statusBar.say(message);
        }

        @Override
        public void showError(String message) {
            LabView.this.showError(message);
        }

        @Override
        public void clearError() {
            LabView.this.clearError();
        }

        @Override
        public javafx.stage.Window window() {
            return getScene().getWindow();
        }
    });
    private final Waterfall waterfall = new Waterfall();
    private final ChartsPanel charts = new ChartsPanel();
    private final StatusBar statusBar = new StatusBar();
    private EventList events;
    private LessonPanel lessonPanel;
    private final StepPlayer player;
    private LoadedScenario scenario;
    private final LabToolbars toolbars;
    private boolean figuresHidden;

    /** The default scenario, read while the window system starts, when a launcher asked for it. */
    private static volatile java.util.concurrent.CompletableFuture<LoadedScenario> defaultScenario;

    /**
     * Starts reading the default scenario in the background: its YAML parser's start-up (about 0.4 s here)
     * then overlaps the window system's instead of delaying the first frame. For a launcher, before the
     * window system starts.
     */
    public static void preloadDefaultScenario() {
        defaultScenario = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return LoadedScenario.load(Catalog.DEFAULT_SCENARIO);
            } catch (ScenarioException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private static LoadedScenario loadDefaultScenario() throws ScenarioException {
        java.util.concurrent.CompletableFuture<LoadedScenario> preloaded = defaultScenario;
        if (preloaded != null) {
            try {
                return preloaded.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof ScenarioException bad) {
                    throw bad;
                }
                throw e;
            }
        }
        return LoadedScenario.load(Catalog.DEFAULT_SCENARIO);
    }

    public LabView() {
        setId("lab");
        toolbars = new LabToolbars(this);
        setTop(toolbars);
        HBox panes = new HBox(8, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        setCenter(panes);
        waterfall.setId("waterfall");
        charts.foldBelow(heightProperty());
        waterfall.fitWindowHeight(heightProperty());
        setBottom(new VBox(4, waterfall, charts, statusBar));
        left.setOnChange(this::paneChanged);
        right.setOnChange(this::paneChanged);

        for (PaneView pane : List.of(left, right)) {
            pane.setSourceActions(() -> {
                simulateIn(pane, pane.mode());
                recomputeCharts();
            }, () -> recordings.choose(pane), () -> measureLive(List.of(pane)));
        }
        // The charts' simulation and the doctor (which loads eBPF objects) wait for the window's first frame,
        // so that they do not compete with it for the CPUs.
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                checkLiveAvailability();
                if (scenario != null && !statusBar.busy()) {
                    recomputeCharts();
                }
            }
        }.start();
        left.setOnModeChosen(name -> switchMode(left, name));
        right.setOnModeChosen(name -> switchMode(right, name));
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        player = new StepPlayer(new StepPlayer.Panes() {
            @Override
            public boolean playing() {
                return toolbars.playing();
            }

            @Override
            public double stepsPerSecond() {
                return LabView.this.stepsPerSecond();
            }

            @Override
            public boolean inFlow() {
                return left.inFlow();
            }

            @Override
            public boolean advanceFlow(long ns) {
                return left.advanceFlow(ns) | right.advanceFlow(ns);
            }

            @Override
            public boolean step() {
                return stepBoth(true);
            }

            @Override
            public void ended() {
                setPlaying(false);
            }
        });
        player.start();
        try {
            showScenario(loadDefaultScenario(), "sidecar", "sockmap"); // charts after the first frame
        } catch (ScenarioException e) {
            showError(e.getMessage());
        }
    }

    public PaneView left() {
        return left;
    }

    public PaneView right() {
        return right;
    }

    /** Steps per second while playing. */
    public void setSpeed(double stepsPerSecond) {
        toolbars.setSpeed(stepsPerSecond);
    }

    /** Steps per second (in the flow view, units of 10 µs of simulated time per second). */
    public double stepsPerSecond() {
        return toolbars.stepsPerSecond();
    }

    public boolean playing() {
        return toolbars.playing();
    }

    /** Shows a scenario: two of its modes stepped through, and its charts computed in the background. */
    public void useScenario(LoadedScenario loaded, String leftMode, String rightMode) {
        showScenario(loaded, leftMode, rightMode);
        recomputeCharts();
    }

    private void showScenario(LoadedScenario loaded, String leftMode, String rightMode) {
        this.scenario = loaded;
        charts.showSweep(Optional.empty()); // the open recording's entries stay in the source menus
        toolbars.setSeed(loaded.scenario().seed());
        simulateIn(left, mode(leftMode));
        simulateIn(right, mode(rightMode));
    }

    /**
     * Simulates a built-in scenario or a scenario file in both panes, keeping their modes where the
     * scenario has them; a bad file is reported in the window.
     */
    @Override
    public void openScenario(String nameOrFile) {
        if (nameOrFile == null) {
            return;
        }
        try {
            LoadedScenario loaded = LoadedScenario.load(nameOrFile);
            List<String> names = loaded.modes().stream().map(Mode::name).toList();
            String l = names.contains(left.mode().name()) ? left.mode().name() : names.get(0);
            String r = names.contains(right.mode().name()) ? right.mode().name() : names.get(names.size() - 1);
            useScenario(loaded, l, r);
            clearError();
        } catch (ScenarioException e) {
            showError(e.getMessage());
        }
    }

    @Override
    public void chooseScenario() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a scenario");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenarios", "*.yaml", "*.yml"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            openScenario(file.toString());
        }
    }

    /**
     * Opens a recording made by the live probe in both panes: its first two modes' measured traces. Every
     * measurement it holds (each mode at each workload) can then be replayed from either pane's source menu,
     * and a sweep among them is drawn beside the charts.
     */
    public void openRecording(Path file) {
        recordings.open(file);
    }

    /** Opens a recording in one pane: its measurement of the pane's mode, else its first. */
    public void openRecording(PaneView pane, Path file) {
        recordings.open(pane, file);
    }

    /** Whether the charts show an open recording's sweep. */
    public boolean chartsShowSweep() {
        return charts.sweepShown();
    }

    /** A mode by name ({@link #chosenMode}), or the scenario's first if it cannot be had. */
    private Mode mode(String name) {
        try {
            return chosenMode(name);
        } catch (ScenarioException e) {
            return scenario.modes().get(0);
        }
    }

    /**
     * The mode a pane's choices name: the scenario's, else a built-in one, else the scenario's own mode with its
     * pods spread over two nodes ({@code mine@two-nodes}).
     *
     * @throws ScenarioException if it cannot be had, such as eBPF host routing through an overlay
     */
    private Mode chosenMode(String name) throws ScenarioException {
        java.util.Optional<Mode> listed = scenario.modes().stream().filter(m -> m.name().equals(name)).findFirst();
        if (listed.isPresent()) {
            return listed.get();
        }
        int mark = name.lastIndexOf(Mode.SPREAD_MARK);
        java.util.Optional<Mode> base = mark < 0 ? java.util.Optional.empty()
                : scenario.modes().stream().filter(m -> m.name().equals(name.substring(0, mark))).findFirst();
        if (base.isPresent() && TwoNodes.ofSuffix(name.substring(mark + 1)) != null) {
            try {
                return base.get().onTwoNodes(TwoNodes.ofSuffix(name.substring(mark + 1)));
            } catch (org.stacklab.sim.io.InvalidValue e) {
                throw new ScenarioException("the lab", 0, 0, "", "mode '" + name + "': " + e.getMessage());
            }
        }
        return Catalog.mode(org.stacklab.sim.scenario.Reference.of(name), Path.of("."), "the lab", "");
    }

    private void simulateIn(PaneView pane, Mode shown) {
        LoadedScenario small = scenario.scenarioWithWorkload(scenario.scenario().workload().withRequests(
                Math.min(STEP_REQUESTS, scenario.scenario().workload().requests())));
        pane.load(shown, StepThrough.simulate(small, shown),
                new PaneSource.Simulated(scenario.scenario().name(), scenario.scenario().seed()));
    }

    private void switchMode(PaneView pane, String name) {
        if (name == null || pane.mode() != null && pane.mode().name().equals(name)) {
            return;
        }
        try {
            simulateIn(pane, chosenMode(name));
            recomputeCharts();
            clearError();
        } catch (ScenarioException e) {
            showError(e.problem());
            pane.showChoiceOf(pane.mode().name()); // the choices go back to what the pane still shows
        }
    }

    private void drawWaterfall() {
        if (left.mode() != null && right.mode() != null) {
            waterfall.show(List.of(laneName(left), laneName(right)), List.of(left.mode().name(), right.mode().name()),
                    List.of(left.currentRequest(), right.currentRequest()));
        }
    }

    private String laneName(PaneView pane) {
        return pane.mode().name() + (pane.traceSource().measurement().isPresent() ? " (measured)" : "");
    }

    /** One step of both panes, kept on the same request; false when neither moved. */
    @Override
    public void step(boolean forward) {
        stepBoth(forward);
    }

    @Override
    public void chooseRecording() {
        recordings.choose(null);
    }

    @Override
    public void measureLive() {
        measureLive(List.of(left, right));
    }

    @Override
    public void showAside(boolean lessons, boolean events) {
        setRight(lessons ? lessonPanel() : events ? eventList() : null);
    }

    private boolean stepBoth(boolean forward) {
        if (left.inFlow()) {
            setFlow(false);
        }
        return panes.step(forward);
    }

    /** Steps each pane on to its next trip, proxy or device visit. */
    @Override
    public void jump(TwinPanes.Jump to) {
        if (left.inFlow()) {
            setFlow(false);
        }
        panes.jump(to);
    }

    @Override
    public void nextRequest() {
        panes.nextRequest();
    }

    /** Back to the start, both panes, as Home does. */
    @Override
    public void reset() {
        toolbars.setPlaying(false);
        panes.reset();
    }

    @Override
    public void applySeed(String text) {
        try {
            long value = Long.parseLong(text.strip());
            useScenario(scenario.scenarioWithSeed(value), left.mode().name(), right.mode().name());
            statusBar.say("Seed " + value);
            clearError();
        } catch (NumberFormatException e) {
            showError("The seed must be a whole number, not '" + text + "'");
        }
    }

    /** The event list of both panes' current requests, made when first asked for. */
    EventList eventList() {
        if (events == null) {
            events = new EventList(List.of(left, right));
            events.refresh();
        }
        return events;
    }

    private void paneChanged() {
        drawWaterfall();
        if (events != null && getRight() == events) {
            events.refresh();
        }
    }

    /** The lesson player, made when first asked for. */
    public LessonPanel lessonPanel() {
        if (lessonPanel == null) {
            lessonPanel = new LessonPanel(this, new org.stacklab.lesson.Lessons(org.stacklab.lesson.Lessons.defaultFolder()));
        }
        return lessonPanel;
    }

    /**
     * A lesson step's directive: step both panes to the first visit of {@code stage} (if given),
     * else {@code visits} steps in, and stop there.
     */
    public void pauseAt(Stage stage, int visits) {
        setPlaying(false);
        if (stage != null) {
            panes.advanceTo(stage);
        }
        for (int i = 0; i < visits; i++) {
            stepBoth(true);
        }
    }

    /**
     * Hides (or shows again) what would answer a lesson's question before the class has: the charts,
     * the statistics, the panes' counters and their grey paths with numbered trips.
     */
    public void setFiguresHidden(boolean hidden) {
        figuresHidden = hidden;
        charts.setFiguresHidden(hidden);
        left.setFiguresHidden(hidden);
        right.setFiguresHidden(hidden);
    }

    public boolean figuresHidden() {
        return figuresHidden;
    }

    /** Frames the player has drawn in the flow view; the lab's benchmark counts them. */
    public long flowFrames() {
        return player.flowFrames();
    }

    /** Plays (or pauses) as the Play button does. */
    public void setPlaying(boolean on) {
        toolbars.setPlaying(on);
    }

    /**
     * The flow view: both modes under a workload of {@value #FLOW_CONNECTIONS} connections, every
     * request in flight drawn as a packet, played on a clock. The traces are simulated off the FX thread.
     */
    @Override
    public void setFlow(boolean on) {
        toolbars.setFlowSelected(on);
        setPlaying(false);
        if (!on) {
            left.stopFlow();
            right.stopFlow();
            return;
        }
        List<Mode> modes = List.of(left.mode(), right.mode());
        Workload w = scenario.scenario().workload();
        LoadedScenario crowd = scenario.scenarioWithWorkload(new Workload(Workload.Pattern.CLOSED_LOOP, FLOW_CONNECTIONS,
                0.0, FLOW_CONNECTIONS * 10L, w.requestBytes(), w.responseBytes(), false));
        Task<List<List<StageVisit>>> task = new Task<>() {
            @Override
            protected List<List<StageVisit>> call() {
                List<List<StageVisit>> traces = new ArrayList<>();
                for (int i = 0; i < modes.size() && !isCancelled(); i++) {
                    updateMessage("Simulating " + FLOW_CONNECTIONS + " connections through " + modes.get(i).name() + "…");
                    updateProgress(i, modes.size());
                    traces.add(ModeRun.simulate(crowd, modes.get(i), Long.MAX_VALUE).trace());
                }
                return traces;
            }
        };
        runInBackground(task, "stacklab-flow", traces -> {
            left.startFlow(traces.get(0));
            right.startFlow(traces.get(1));
            statusBar.say("Flow: " + FLOW_CONNECTIONS + " connections per pane. Press Space to play.");
        }, () -> toolbars.setFlowSelected(false));
    }

    /** One step of both panes, as → does. */
    public void stepOnce() {
        stepBoth(true);
    }

    /** Presenter style on or off, as its toggle does. */
    @Override
    public void setPresenter(boolean on) {
        left.setPresenter(on);
        right.setPresenter(on);
        waterfall.setPresenter(on);
        setStyle(on ? "-fx-font-size: 18px; -fx-base: #202020;" : "");
        toolbars.setPresenterSelected(on); // what is read from the back of the room is large; the toolbars not
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof TextField) {
            return;
        }
        KeyCode code = e.getCode();
        if (code == KeyCode.RIGHT && e.isShiftDown()) {
            jump(TwinPanes.Jump.TRIP);
        } else if (code == KeyCode.RIGHT) {
            stepBoth(true);
        } else if (code == KeyCode.LEFT) {
            stepBoth(false);
        } else if (code == KeyCode.SPACE) {
            toolbars.togglePlaying();
        } else if (code == KeyCode.HOME) {
            reset();
        } else {
            return;
        }
        e.consume();
    }

    /** Simulates both panes' modes with the scenario's full workload, off the FX thread, then plots them. */
    private void recomputeCharts() {
        List<PaneView> panes = List.of(left, right);
        List<String> sides = List.of("left", "right");
        List<Mode> modes = panes.stream().map(PaneView::mode).toList();
        List<Optional<LiveMeasurement>> measured = panes.stream().map(p -> p.traceSource().measurement()).toList();
        LoadedScenario loaded = scenario;
        Task<List<ChartData>> task = new Task<>() {
            @Override
            protected List<ChartData> call() {
                List<ChartData> data = new ArrayList<>();
                for (int i = 0; i < panes.size() && !isCancelled(); i++) {
                    updateProgress(i, panes.size());
                    if (measured.get(i).isPresent()) {
                        data.add(ChartData.measured(measured.get(i).get()));
                    } else {
                        updateMessage("Simulating " + modes.get(i).name() + "…");
                        data.add(ChartData.simulated(ModeRun.simulate(loaded, modes.get(i), 0).report()));
                    }
                }
                updateProgress(panes.size(), panes.size());
                if (data.size() == 2 && data.get(0).label().equals(data.get(1).label())) {
                    return List.of(data.get(0).onSide(sides.get(0)), data.get(1).onSide(sides.get(1)));
                }
                return data;
            }
        };
        runInBackground(task, "stacklab-charts", data -> {
            charts.plot(data);
            statusBar.say("Charts of " + loaded.scenario().workload().requests() + " simulated requests per mode,"
                    + " or of the recording.");
        }, () -> { });
    }

    /**
     * Measures the panes' modes with the live probe, in a privileged helper process, then replays
     * them in those panes.
     */
    private void measureLive(List<PaneView> panes) {
        List<String> modes = panes.stream().map(p -> p.mode().name()).distinct().toList();
        Task<Path> task = LiveHelper.measure(modes, LIVE_ROUND_TRIPS);
        runInBackground(task, "stacklab-live", recording -> {
            try {
                if (panes.size() == 1) {
                    openRecording(panes.get(0), recording);
                } else {
                    openRecording(recording);
                }
            } finally {
                recording.toFile().delete(); // the helper's recording is the lab's own; it was read whole
            }
        }, () -> { });
    }

    private <T> void runInBackground(Task<T> task, String name, java.util.function.Consumer<T> onSuccess,
                                     Runnable onEnded) {
        statusBar.run(task, name, onSuccess, onEnded);
    }

    /** Shows a problem in the window, in one readable line, until the next thing the user does succeeds. */
    public void showError(String message) {
        statusBar.showError(message);
    }

    private void clearError() {
        statusBar.clearError();
    }

    public String statusText() {
        return statusBar.statusText();
    }

    /** Whether the status line shows work under way (its progress bar and Cancel). */
    boolean showsWork() {
        return statusBar.showsWork();
    }

    /** The problem shown, or empty. */
    public String errorText() {
        return statusBar.errorText();
    }

    /** Where the shipped reference recordings are: {@code lessons/recordings}. */
    public static Path referenceRecordings() {
        return RecordingOpener.referenceRecordings();
    }

    /** Asks the doctor, off the FX thread, whether live measurement can run; enables it or says why not. */
    private void checkLiveAvailability() {
        Thread doctor = new Thread(() -> {
            Optional<String> answer = LiveHelper.unavailable();
            javafx.application.Platform.runLater(() -> {
                left.setLiveAvailability(answer);
                right.setLiveAvailability(answer);
                toolbars.setLiveUnavailable(answer);
            });
        }, "stacklab-doctor");
        doctor.setDaemon(true);
        doctor.start();
    }

    @Override
    public void chooseAndExport(String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("stacklab." + extension);
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            export(file.toPath(), extension);
        }
    }

    /** Writes the view as PNG, or both panes' traces so far as Perfetto JSON or CSV; says what it wrote. */
    public void export(Path file, String format) {
        try {
            statusBar.say(ViewExport.write(this, List.of(left, right), file, format));
            clearError();
        } catch (IOException e) {
            showError(e.getMessage());
        }
    }

    /** Stops the player; called when the window closes. */
    public void dispose() {
        statusBar.cancelWork();
        player.stop();
    }
}
