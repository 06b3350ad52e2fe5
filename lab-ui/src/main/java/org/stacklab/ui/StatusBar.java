package org.stacklab.ui;

import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The lab's status line and its background work: one task at a time off the FX thread, its
 * progress and message shown, cancellable, its failure shown as one readable line.
 */
final class StatusBar extends HBox {

    private final Label status = new Label("Ready.");
    private final Label error = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");
    private Task<?> background;

    StatusBar() {
        super(8);
        status.setId("status");
        error.setId("error");
        error.setStyle("-fx-text-fill: #c92a2a; -fx-font-weight: bold;");
        error.setWrapText(true);
        progress.setId("progress");
        cancel.setId("cancel");
        cancel.setOnAction(e -> cancelWork());
        showWorking(false);
        setPadding(new Insets(4));
        Region room = new Region();
        HBox.setHgrow(room, Priority.ALWAYS);
        getChildren().addAll(status, error, room, progress, cancel);
    }

    /** Cancels the work under way, if any. */
    void cancelWork() {
        if (background != null) {
            background.cancel();
        }
    }

    boolean busy() {
        return background != null;
    }

    /** Runs long work, cancelling what ran before; {@code onEnded} runs if it fails or is cancelled. */
    <T> void run(Task<T> task, String name, Consumer<T> onSuccess, Runnable onEnded) {
        cancelWork();
        background = task;
        progress.progressProperty().bind(task.progressProperty());
        status.textProperty().bind(task.messageProperty());
        showWorking(true);
        task.setOnSucceeded(e -> {
            finish(task);
            onSuccess.accept(task.getValue());
        });
        task.setOnCancelled(e -> {
            onEnded.run();
            if (finish(task)) {
                status.setText("Cancelled.");
            }
        });
        task.setOnFailed(e -> {
            onEnded.run();
            if (finish(task)) {
                status.setText("");
                showError(task.getException().getMessage());
            }
        });
        Thread worker = new Thread(task, name);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Ends a task's hold on the bar, if it still has it: a task whose work was done as the next began has its end
     * handled on the FX thread after that, when the bar is the next one's.
     *
     * @return whether it had it
     */
    private boolean finish(Task<?> task) {
        if (background != task) {
            return false;
        }
        progress.progressProperty().unbind();
        status.textProperty().unbind();
        background = null;
        showWorking(false);
        return true;
    }

    /**
     * The bar and its Cancel (at the right, so that the status line does not move) only while work runs: a full bar
     * beside a greyed button, once it is done, read as work still under way.
     */
    private void showWorking(boolean working) {
        progress.setVisible(working);
        cancel.setVisible(working);
    }

    /** Whether the progress bar and its Cancel are shown: work is under way. */
    boolean showsWork() {
        return progress.isVisible();
    }

    void say(String text) {
        status.textProperty().unbind();
        status.setText(text);
    }

    String statusText() {
        return status.getText();
    }

    /** Shows a problem in one readable line, until the next thing the user does succeeds. */
    void showError(String message) {
        error.setText(message);
    }

    void clearError() {
        error.setText("");
    }

    String errorText() {
        return error.getText();
    }
}
