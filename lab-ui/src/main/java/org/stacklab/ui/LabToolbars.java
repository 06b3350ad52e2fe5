package org.stacklab.ui;

import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.stacklab.sim.scenario.Catalog;

/**
 * The lab's two toolbars: playback (reset, back, play, step, jump, next request, speed, and the
 * Lessons, Events, Flow and Presenter toggles) and sources (scenario, seed, recordings, live
 * measurement, exports). They hold the controls' state; what the controls do is the lab's, through
 * {@link Actions}. In presenter style they stay compact, so that every control fits 1280 pixels.
 */
final class LabToolbars extends VBox {

    /** What the controls ask the lab to do. */
    interface Actions {
        void reset();

        void step(boolean forward);

        void jump(TwinPanes.Jump to);

        void nextRequest();

        void openScenario(String nameOrFile);

        void chooseScenario();

        void applySeed(String text);

        void chooseRecording();

        void measureLive();

        void chooseAndExport(String extension);

        void setFlow(boolean on);

        void setPresenter(boolean on);

        /** Shows the lesson player or the event list at the side, or neither (both false). */
        void showAside(boolean lessons, boolean events);
    }

    /** Glyphs that Debian's stock fonts (DejaVu) have: U+23F8 "⏸" draws as an empty box there. */
    static final String PLAY = "▶ Play";
    static final String PAUSE = "▮▮ Pause";
    /** The slider's top speed, in steps per second; it is logarithmic, from 1. */
    private static final double FASTEST = 2000;

    private final ToggleButton play = new ToggleButton(PLAY);
    private final ToggleButton presenter = new ToggleButton("Presenter");
    private final ToggleButton flow = new ToggleButton("Flow");
    private final ToggleButton lessons = new ToggleButton("Lessons");
    private final ToggleButton events = new ToggleButton("Events");
    /** Steps per second as 10^value. */
    private final Slider speed = new Slider(0, Math.log10(FASTEST), 1);
    private final Label speedReadout = new Label();
    private final TextField seed = new TextField("1");
    private final ChoiceBox<String> scenario = new ChoiceBox<>();
    private final Button live;

    LabToolbars(Actions actions) {
        ToolBar playback = new ToolBar(
                button("|◀ Reset", "reset", actions::reset),
                button("◀ Back", "back", () -> actions.step(false)),
                play,
                button("Step ▶", "step", () -> actions.step(true)),
                jumpMenu(actions),
                button("Next request ▶|", "next-request", actions::nextRequest),
                new Label("Speed"), speed, speedReadout,
                new Separator(), lessons, events, flow, presenter);
        live = button("Live…", "measure-live", actions::measureLive,
                "Measure both modes on this machine with the live probe (runs it as root in a helper)");
        ToolBar sources = new ToolBar(
                new Label("Scenario"), scenario,
                button("File…", "scenario-file", actions::chooseScenario, "Simulate a scenario file of your own"),
                new Label("Seed"), seed, button("Apply", "apply-seed", () -> actions.applySeed(seed.getText())),
                new Separator(),
                button("Open…", "open", actions::chooseRecording, "Open a recording made by stacklab probe run --out"),
                live,
                button("PNG…", "export-png", () -> actions.chooseAndExport("png"), "Export this view as a picture"),
                button("Trace…", "export-trace", () -> actions.chooseAndExport("json"),
                        "Export the visits shown as Chrome trace-event JSON for Perfetto"),
                button("CSV…", "export-csv", () -> actions.chooseAndExport("csv"), "Export the visits shown as CSV"));
        getChildren().addAll(playback, sources);
        play.setId("play");
        play.setOnAction(e -> play.setText(play.isSelected() ? PAUSE : PLAY));
        presenter.setId("presenter");
        presenter.setOnAction(e -> actions.setPresenter(presenter.isSelected()));
        flow.setId("flow");
        flow.setOnAction(e -> actions.setFlow(flow.isSelected()));
        lessons.setId("lessons");
        lessons.setOnAction(e -> {
            events.setSelected(false);
            actions.showAside(lessons.isSelected(), false);
        });
        events.setId("events-toggle");
        events.setOnAction(e -> {
            lessons.setSelected(false);
            actions.showAside(false, events.isSelected());
        });
        seed.setId("seed");
        seed.setPrefColumnCount(6);
        scenario.setId("scenario");
        scenario.getItems().setAll(Catalog.BUILT_IN_SCENARIOS);
        scenario.setValue(Catalog.DEFAULT_SCENARIO);
        scenario.setOnAction(e -> actions.openScenario(scenario.getValue()));
        speed.setId("speed");
        speedReadout.setId("speed-readout");
        speedReadout.setMinWidth(Region.USE_PREF_SIZE);
        speed.valueProperty().addListener((o, was, now) -> showSpeed());
        showSpeed();
    }

    private static MenuButton jumpMenu(Actions actions) {
        MenuButton menu = new MenuButton("Jump ▶");
        menu.setId("jump");
        for (TwinPanes.Jump to : TwinPanes.Jump.values()) {
            MenuItem item = new MenuItem(to.label);
            item.setId("jump-" + to.name().toLowerCase(Locale.ROOT));
            item.setOnAction(e -> actions.jump(to));
            menu.getItems().add(item);
        }
        return menu;
    }

    boolean playing() {
        return play.isSelected();
    }

    void setPlaying(boolean on) {
        play.setSelected(on);
        play.setText(on ? PAUSE : PLAY);
    }

    /** Play or pause, as a click on the button does (Space). */
    void togglePlaying() {
        play.fire();
    }

    /** Steps per second while playing. */
    double stepsPerSecond() {
        return Math.round(Math.pow(10, speed.getValue()));
    }

    void setSpeed(double stepsPerSecond) {
        speed.setValue(Math.log10(Math.max(1, stepsPerSecond)));
    }

    private void showSpeed() {
        speedReadout.setText(String.format(Locale.ROOT, "%.0f steps/s", stepsPerSecond()));
    }

    void setFlowSelected(boolean on) {
        flow.setSelected(on);
    }

    void setPresenterSelected(boolean on) {
        presenter.setSelected(on);
        // Compact even in presenter style: what is read from the back of the room is below them.
        setStyle(on ? "-fx-font-size: 13px;" : "");
    }

    void setSeed(long value) {
        seed.setText(Long.toString(value));
    }

    /** Live measurement on offer, or not and why. */
    void setLiveUnavailable(Optional<String> why) {
        live.setDisable(why.isPresent());
        why.ifPresent(reason -> live.setTooltip(new Tooltip("Unavailable: " + reason)));
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Button button(String text, String id, Runnable action, String tip) {
        Button b = button(text, id, action);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}
