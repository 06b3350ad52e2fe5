package org.stacklab.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.Recording;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.run.StepThrough;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.workload.Workload;

/**
 * Opens the live probe's recordings in the lab's panes: a measured trace replayed where a simulated one
 * was, every measurement of the recording offered in the panes' source menus, and a sweep among them
 * drawn beside the charts. A file that is no recording, or holds none, is said in the window.
 */
final class RecordingOpener {

    /** What opening a recording changes in the lab around the panes. */
    interface Lab {
        /** The scenario's mode of that name (its first if it has none). */
        Mode mode(String name);

        /** The recording's sweep, if it holds one, for the charts; then the charts redrawn. */
        void showSweep(Optional<RecordedSweep> sweep);

        void say(String message);

        void showError(String message);

        void clearError();

        Window window();
    }

    private final TwinPanes panes;
    private final Lab lab;

    RecordingOpener(TwinPanes panes, Lab lab) {
        this.panes = panes;
        this.lab = lab;
    }

    /** Where the shipped reference recordings are: {@code lessons/recordings}. */
    static Path referenceRecordings() {
        return org.stacklab.lesson.Lessons.defaultFolder().resolve("recordings");
    }

    /** Opens a recording in both panes: its first two modes' measured traces. */
    void open(Path file) {
        read(file).ifPresent(recording -> {
            List<LiveMeasurement> measured = recording.measurements();
            List<PaneView> both = panes.both();
            replayIn(both.get(0), measured.get(0), recording);
            String other = measured.stream().map(LiveMeasurement::mode).filter(m -> !m.equals(measured.get(0).mode()))
                    .findFirst().orElse(measured.get(0).mode());
            replayIn(both.get(1), measured.stream().filter(m -> m.mode().equals(other)).findFirst().orElseThrow(),
                    recording);
            opened(file, recording);
        });
    }

    /** Opens a recording in one pane: its measurement of the pane's mode, else its first. */
    void open(PaneView pane, Path file) {
        read(file).ifPresent(recording -> {
            replayIn(pane, recording.measurements().stream().filter(m -> m.mode().equals(pane.mode().name()))
                    .findFirst().orElse(recording.measurements().get(0)), recording);
            opened(file, recording);
        });
    }

    /** Chooses a recording for one pane, or both when {@code pane} is null. */
    void choose(PaneView pane) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a recording (stacklab probe run --out)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Recordings", "*.json"));
        // The reference recordings made on the lab-VM kind come first, so that a laptop without root has one.
        Path references = referenceRecordings();
        if (Files.isDirectory(references)) {
            chooser.setInitialDirectory(references.toFile());
        }
        File file = chooser.showOpenDialog(lab.window());
        if (file != null && pane == null) {
            open(file.toPath());
        } else if (file != null) {
            open(pane, file.toPath());
        }
    }

    private Optional<Recording> read(Path file) {
        try {
            Recording recording = Recording.read(file);
            if (recording.measurements().isEmpty()) {
                lab.showError(file + ": the recording holds no measurement");
                return Optional.empty();
            }
            return Optional.of(recording);
        } catch (ScenarioException e) {
            lab.showError(e.getMessage());
            return Optional.empty();
        }
    }

    private void opened(Path file, Recording recording) {
        List<String> entries = recording.measurements().stream()
                .map(m -> m.mode() + " — " + m.workload(Workload.pingPong(m.roundTrips(), Math.max(1, m.messageBytes())))
                        .describe())
                .toList();
        Optional<RecordedSweep> sweep = RecordedSweep.of(recording);
        for (PaneView pane : panes.both()) {
            pane.setRecorded(entries, i -> {
                replayIn(pane, recording.measurements().get(i), recording);
                lab.showSweep(sweep);
            });
        }
        lab.showSweep(sweep);
        lab.say("Opened " + file + " (" + entries.size() + " measurement" + (entries.size() == 1 ? "" : "s")
                + "; each in the panes' Source menus)");
        lab.clearError();
    }

    private void replayIn(PaneView pane, LiveMeasurement m, Recording recording) {
        pane.load(lab.mode(m.mode()), StepThrough.replay(m.trace()), PaneSource.Measured.of(m, recording));
    }
}
