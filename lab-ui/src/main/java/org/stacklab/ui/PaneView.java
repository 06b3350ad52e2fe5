package org.stacklab.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.Crossings;
import org.stacklab.sim.run.StepThrough;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.topology.TwoNodes;
import org.stacklab.sim.trace.StageVisit;
import org.stacklab.ui.path.Captions;
import org.stacklab.ui.path.Passes;
import org.stacklab.ui.path.PathPlan;

/**
 * One side of the lab: a mode's path diagram, stepped through one stage visit at a time, with a
 * caption in plain words and running counters. It draws a simulated or a measured trace alike.
 */
public final class PaneView extends VBox {

    private final ChoiceBox<String> modeChoice = new ChoiceBox<>();
    /** Where the mode's pods run: on one node, or the client's and the server's on two ({@link TwoNodes}). */
    private final ChoiceBox<String> nodesChoice = new ChoiceBox<>();
    private static final String ONE_NODE = "one node";
    /** The name of the mode shown, as the two choices make it ({@code sockmap@two-nodes}). */
    private final javafx.beans.property.ReadOnlyStringWrapper shownMode = new javafx.beans.property.ReadOnlyStringWrapper("");
    /** While the pane sets its choices to what it shows, they tell no one. */
    private boolean showingChoice;
    private java.util.function.Consumer<String> modeChosen = name -> { };
    private final MenuButton sourceMenu = new MenuButton("Source");
    private final MenuItem simulate = new MenuItem("Simulate now");
    private final MenuItem open = new MenuItem("Open a recording…");
    private static final String LIVE_CHECKING = "Measure live (checking…)";
    private final MenuItem live = new MenuItem(LIVE_CHECKING);
    private final Label source = new Label();
    private PaneSource traceSource;
    private final Label caption = new Label(" ");
    private final Label counters = new Label(" ");
    private PathDiagram diagram;
    private PathPlan plan;
    private boolean presenter;
    private boolean figuresHidden;
    private final Label crossings = new Label("0");
    private StepThrough stepper;
    private Mode mode;

    private Runnable onChange = () -> { };
    private FlowPlayer flow;
    private java.util.Map<StageVisit, Passes.Place> flowPlaces = java.util.Map.of();
    static final String FLOW_CAPTION = "Flow: every request in flight is a dot on the lane of the pass it is on;"
            + " under the devices, each CPU runs one process (filled) while the others woken wait for it (dashed)."
            + " Press Play.";

    /** Called after every step, so that the lab can redraw what spans both panes. */
    public void setOnChange(Runnable listener) {
        onChange = listener;
    }

    public PaneView(List<String> modeNames, String id) {
        setId(id);
        setSpacing(6);
        setPadding(new Insets(6));
        modeChoice.getItems().setAll(modeNames);
        modeChoice.setId(id + "-mode");
        nodesChoice.getItems().add(ONE_NODE);
        java.util.Arrays.stream(TwoNodes.values()).forEach(t -> nodesChoice.getItems().add(t.label()));
        nodesChoice.setValue(ONE_NODE);
        nodesChoice.setId(id + "-nodes");
        modeChoice.setOnAction(e -> tellChosen());
        nodesChoice.setOnAction(e -> tellChosen());
        caption.setId(id + "-caption");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE); // the diagram gives way; the caption is never cut
        counters.setId(id + "-counters");
        sourceMenu.setId(id + "-source");
        simulate.setId(id + "-simulate");
        open.setId(id + "-open");
        live.setId(id + "-live");
        live.setDisable(true);
        sourceMenu.getItems().setAll(simulate, open, live);
        crossings.setId(id + "-crossings");
        crossings.setMinWidth(Region.USE_PREF_SIZE);
        crossings.setStyle("-fx-font-size: 1.6em; -fx-font-weight: bold;");
        Label crossingsLabel = new Label("TCP/IP trips");
        crossingsLabel.setMinWidth(Region.USE_PREF_SIZE);
        source.setWrapText(true);
        source.setMinHeight(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox header = new HBox(8, modeChoice, nodesChoice, sourceMenu, spacer, crossingsLabel, crossings);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(spacer, Priority.ALWAYS);
        modeChoice.setMinWidth(Region.USE_PREF_SIZE);
        sourceMenu.setMinWidth(Region.USE_PREF_SIZE);
        nodesChoice.setMinWidth(Region.USE_PREF_SIZE);
        modeChoice.setTooltip(new javafx.scene.control.Tooltip("The mode this pane shows"));
        nodesChoice.setTooltip(new javafx.scene.control.Tooltip("Where its pods run: all on one node, or the client's"
                + " on one and the server's on another, the nodes routing each other's pods or joined by VXLAN"));
        counters.setWrapText(true);
        counters.setMinHeight(Region.USE_PREF_SIZE);
        // Both panes share the width equally, whatever their captions say.
        setMinWidth(0);
        setPrefWidth(0);
        getChildren().addAll(header, new Label(), source, caption, counters);
    }

    /** What the source menu's entries do: simulate the pane's mode, replay a recording, measure live. */
    public void setSourceActions(Runnable onSimulate, Runnable onOpen, Runnable onLive) {
        simulate.setOnAction(e -> onSimulate.run());
        open.setOnAction(e -> onOpen.run());
        live.setOnAction(e -> onLive.run());
    }

    /**
     * Lists an open recording's measurements in the source menu, each under its mode and workload, to replay
     * in this pane; an empty list removes them.
     */
    public void setRecorded(List<String> measurements, java.util.function.IntConsumer replay) {
        sourceMenu.getItems().setAll(simulate, open, live);
        if (!measurements.isEmpty()) {
            sourceMenu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
        }
        for (int i = 0; i < measurements.size(); i++) {
            int index = i;
            MenuItem item = new MenuItem("Recorded: " + measurements.get(i));
            item.setId(getId() + "-recorded-" + i);
            item.setOnAction(e -> replay.accept(index));
            sourceMenu.getItems().add(item);
        }
    }

    /** Replays the i-th measurement of the open recording, as its entry in the source menu does. */
    public void chooseRecorded(int index) {
        sourceMenu.getItems().stream().filter(item -> (getId() + "-recorded-" + index).equals(item.getId())).findFirst()
                .ifPresent(MenuItem::fire);
    }

    /** The source menu's entries, as shown. */
    public List<String> sourceEntries() {
        return sourceMenu.getItems().stream().map(MenuItem::getText).filter(java.util.Objects::nonNull).toList();
    }

    /** Enables live measurement, or disables it and says why (the doctor's failing check). */
    public void setLiveAvailability(Optional<String> unavailableBecause) {
        live.setDisable(unavailableBecause.isPresent());
        live.setText(unavailableBecause.map(why -> "Measure live (unavailable: " + why + ")").orElse("Measure live"));
    }

    /** Where the pane's trace comes from, as shown in its header. */
    public String sourceText() {
        return source.getText();
    }

    /** Chooses "Measure live" from the source menu, as a click on it does. */
    public void measureLive() {
        if (!live.isDisable()) {
            live.fire();
        }
    }

    public boolean liveAvailable() {
        return !live.isDisable();
    }

    /** Whether the doctor has answered yet: live measurement's entry no longer says "checking". */
    public boolean liveAvailabilityKnown() {
        return !live.getText().equals(LIVE_CHECKING);
    }

    /** The live entry's text: "Measure live", or why it is unavailable. */
    public String liveText() {
        return live.getText();
    }

    /** The chooser of this pane's mode, on one node. */
    public ChoiceBox<String> modeChoice() {
        return modeChoice;
    }

    /** The chooser of where its pods run. */
    public ChoiceBox<String> nodesChoice() {
        return nodesChoice;
    }

    /** The name of the mode shown ({@code sockmap@two-nodes}), to bind a title to. */
    public javafx.beans.property.ReadOnlyStringProperty shownModeProperty() {
        return shownMode.getReadOnlyProperty();
    }

    /** Tells {@code chosen} the mode the choices name whenever the user changes one of them. */
    public void setOnModeChosen(java.util.function.Consumer<String> chosen) {
        modeChosen = chosen;
    }

    /** The mode the choices name: the mode, on one node or spread over two. */
    private String chosenMode() {
        return modeChoice.getValue() + Arrays.stream(TwoNodes.values()).filter(t -> t.label().equals(nodesChoice.getValue()))
                .findFirst().map(t -> Mode.SPREAD_MARK + t.suffix()).orElse("");
    }

    /** Chooses a mode by its name ({@code direct@two-nodes-vxlan}), as the user would with the two choices. */
    public void choose(String name) {
        showChoiceOf(name);
        modeChosen.accept(chosenMode());
    }

    private void tellChosen() {
        if (!showingChoice) {
            modeChosen.accept(chosenMode());
        }
    }

    /** Sets the two choices to name a mode, the mode's name joining the list if it lacks it, telling no one. */
    void showChoiceOf(String name) {
        int mark = name.lastIndexOf(Mode.SPREAD_MARK);
        TwoNodes spread = mark < 0 ? null : TwoNodes.ofSuffix(name.substring(mark + 1));
        String base = spread == null ? name : name.substring(0, mark);
        showingChoice = true;
        try {
            if (!modeChoice.getItems().contains(base)) {
                modeChoice.getItems().add(base); // a scenario file's own mode
            }
            modeChoice.setValue(base);
            nodesChoice.setValue(spread == null ? ONE_NODE : spread.label());
        } finally {
            showingChoice = false;
        }
    }

    /** Shows a mode stepped through by {@code stepThrough}, from the start; {@code from} says where its trace is from. */
    void load(Mode shown, StepThrough stepThrough, PaneSource from) {
        this.mode = shown;
        this.traceSource = from;
        this.stepper = stepThrough;
        showChoiceOf(shown.name()); // the choices name what the pane shows, whoever chose it (a lesson, a recording)
        shownMode.set(shown.name());
        plan = new PathPlan(shown);
        diagram = new PathDiagram(plan);
        diagram.setPresenter(presenter); // a pane loaded later (by a lesson) keeps the lab's style
        diagram.setPathHidden(figuresHidden);
        diagram.setId(getId() + "-diagram");
        VBox.setVgrow(diagram, Priority.ALWAYS);
        getChildren().set(1, diagram);
        refresh();
        // Last, so that whoever watches the source from another thread sees the new diagram in place.
        source.setText(from.description());
    }

    /** Where the trace shown comes from. */
    PaneSource traceSource() {
        return traceSource;
    }

    public Optional<StageVisit> forward() {
        Optional<StageVisit> visit = stepper.forward();
        refresh();
        return visit;
    }

    /**
     * The visits of the request shown now: those shown so far and those still to come, up to the
     * next request's first (at most a few hundred ahead, for the event list).
     */
    public List<StageVisit> requestSoFarAndAhead() {
        List<StageVisit> visits = new java.util.ArrayList<>(currentRequest());
        Optional<StageVisit> now = stepper.current();
        if (now.isPresent()) {
            visits.addAll(stepper.ahead(now.get().request(), 400));
        }
        return visits;
    }

    /** Goes to a visit of the current request, back or forward, as a click in the event list does. */
    public void showVisit(StageVisit visit) {
        List<StageVisit> shown = stepper.shown();
        int at = shown.lastIndexOf(visit);
        if (at >= 0) {
            while (stepper.position() > at + 1) {
                stepper.back();
            }
        } else {
            for (int i = 0; i < 400 && stepper.forward().map(v -> !v.equals(visit)).orElse(false); i++) {
                // on to it
            }
        }
        refresh();
    }

    /** The request the next step would show a visit of; empty at the end of the trace. */
    public Optional<Long> nextRequestNumber() {
        return stepper.peek().map(StageVisit::request);
    }

    /**
     * Steps forward until a visit {@code stop} accepts is shown (or the trace ends), at most
     * {@code max} steps, drawing once at the end.
     */
    public Optional<StageVisit> forwardUntil(java.util.function.BiPredicate<List<StageVisit>, StageVisit> stop, int max) {
        Optional<StageVisit> visit = Optional.empty();
        for (int i = 0; i < max; i++) {
            visit = stepper.forward();
            if (visit.isEmpty() || stop.test(currentRequest(), visit.get())) {
                break;
            }
        }
        refresh();
        return visit;
    }

    public Optional<StageVisit> back() {
        Optional<StageVisit> visit = stepper.back();
        refresh();
        return visit;
    }

    public Optional<StageVisit> nextRequest() {
        Optional<StageVisit> visit = stepper.nextRequest();
        refresh();
        return visit;
    }

    public void reset() {
        stepper.reset();
        refresh();
    }

    /** Switches to showing many requests at once, played on a clock from {@code trace}. */
    public void startFlow(List<StageVisit> trace) {
        java.util.Map<StageVisit, Passes.Place> places = Passes.ofTrace(trace);
        PathPlan plan = diagram.plan();
        flowPlaces = places;
        flow = new FlowPlayer(trace, visit -> plan.processOf(visit, places.get(visit)).name());
        diagram.showFlow(List.of(), flowPlaces, flow.runQueues());
        caption.setText(FLOW_CAPTION);
    }

    /** Leaves the flow view for stepping again. */
    public void stopFlow() {
        flow = null;
        refresh();
    }

    public boolean inFlow() {
        return flow != null;
    }

    /**
     * Moves the flow's clock on by {@code ns} of simulated time and draws the packets then in flight.
     *
     * @return false once the trace has played to its end
     */
    public boolean advanceFlow(long ns) {
        List<StageVisit> inFlight = List.copyOf(flow.advance(ns));
        diagram.showFlow(inFlight, flowPlaces, flow.runQueues());
        counters.setText(String.format(Locale.ROOT, "%d packets in flight · %d queued in sockets · %.1f µs simulated",
                inFlight.size(), flow.queuedInSockets(), flow.elapsedNs() / 1000.0));
        return !flow.finished();
    }

    /** Each CPU's run queue as the diagram drew it last. */
    List<FlowPlayer.RunQueue> runQueuesShown() {
        return diagram.runQueuesShown();
    }

    /** How many packets the diagram drew last. */
    public int packetsShown() {
        return diagram.packetsShown();
    }

    public void setPresenter(boolean on) {
        presenter = on;
        diagram.setPresenter(on);
    }

    /**
     * Steps forward to the next visit of {@code stage}, at most {@code max} steps; a pane whose
     * trace has none there stays where it was.
     *
     * @return whether it got there
     */
    public boolean advanceTo(Stage stage, int max) {
        int taken = 0;
        while (taken < max && current().map(v -> v.stage() != stage).orElse(true)) {
            if (forward().isEmpty()) {
                break;
            }
            taken++;
        }
        if (current().map(v -> v.stage() == stage).orElse(false)) {
            return true;
        }
        for (int i = 0; i < taken; i++) {
            back();
        }
        return false;
    }

    public Mode mode() {
        return mode;
    }

    /** The visit shown now, if any. */
    public Optional<StageVisit> current() {
        return stepper.current();
    }

    /** Every visit shown so far. */
    public List<StageVisit> shown() {
        return stepper.shown();
    }

    /** How often the current request has entered the TCP/IP stack so far ({@link Crossings.Kind#TCP_IP}). */
    public long tcpIpCrossings() {
        return currentRequest().stream()
                .filter(v -> Crossings.Kind.of(v.direction(), v.stage(), v.device()) == Crossings.Kind.TCP_IP)
                .count();
    }

    /** How many requests have ended (their response read by the client) among the visits shown. */
    public long requestsEnded() {
        List<StageVisit> visits = stepper.shown();
        return visits.stream().filter(v -> v.stage() == Stage.APP_RECV
                && v.direction() == Direction.RESPONSE).count();
    }

    /** The visits of the request being shown, so far. */
    public List<StageVisit> currentRequest() {
        Optional<StageVisit> now = stepper.current();
        if (now.isEmpty()) {
            return List.of();
        }
        long request = now.get().request();
        return stepper.shown().stream().filter(v -> v.request() == request).toList();
    }

    private void refresh() {
        Optional<StageVisit> now = stepper.current();
        List<StageVisit> visits = currentRequest();
        diagram.show(visits, now.orElse(null));
        caption.setText(now.map(v -> Captions.of(plan, visits)).orElseGet(this::beforeTheFirstStep));
        crossings.setText(Long.toString(tcpIpCrossings()));
        counters.setText(String.format(Locale.ROOT, "step %d · request %s · %d of %d TCP/IP trips per round trip",
                stepper.position(), now.map(v -> Long.toString(v.request())).orElse("-"), tcpIpCrossings(),
                plan.tcpIpPasses(Direction.REQUEST) + plan.tcpIpPasses(Direction.RESPONSE)));
        onChange.run();
    }

    /**
     * What the caption says before the first step: how to start, or, for a measurement of several messages in
     * flight (the probe times no trip of it, so there is nothing to step), what was measured.
     */
    private String beforeTheFirstStep() {
        Optional<org.stacklab.probe.run.LiveMeasurement> measured = traceSource == null ? Optional.empty()
                : traceSource.measurement().filter(m -> m.trace().isEmpty() && stepper.peek().isEmpty());
        return measured.map(m -> {
            String figures = m.throughput() == null ? ""
                    : String.format(Locale.ROOT, ", %.2f Gbit/s (model %.2f)", m.throughput().gbitPerSecond(),
                            m.simulatedThroughput().gbitPerSecond());
            String latency = m.workload() != null && m.workload().pattern() == org.stacklab.sim.workload.Workload.Pattern.STREAM ? ""
                    : String.format(Locale.ROOT, " p50 %.1f µs (model %.1f),", m.latencyUs().p50(),
                            m.simulatedLatencyUs().p50());
            String trips = m.measured() == null ? "" : String.format(Locale.ROOT, "; %.2f TCP/IP trips per request%s",
                    m.measured().tcpIp(), Boolean.FALSE.equals(m.messagesCrossWhole())
                            ? " (messages split or merged: not the model's count)"
                            : String.format(Locale.ROOT, " (model %.2f)", m.predicted().tcpIp()));
            return "Measured with several messages in flight: the probe counted what they crossed but cannot follow one"
                    + " trip, so there is nothing to step. Measured:" + latency + figures.replaceFirst("^, ", " ") + trips
                    + ".";
        }).orElse("Press → to take the first step: the grey lanes are the path a request will take, one numbered lane"
                + " per trip through TCP/IP.");
    }

    /** Hides the counters, the crossing badge and the diagram's grey path while a question is open. */
    public void setFiguresHidden(boolean hidden) {
        figuresHidden = hidden;
        counters.setVisible(!hidden);
        crossings.setVisible(!hidden);
        diagram.setPathHidden(hidden);
    }

    /** The crossing badge's text: TCP/IP trips of the current request so far. */
    public String crossingBadge() {
        return crossings.getText();
    }

    /** What the diagram draws, worked out from the mode. */
    public PathPlan plan() {
        return plan;
    }

    public PathDiagram diagram() {
        return diagram;
    }
}
