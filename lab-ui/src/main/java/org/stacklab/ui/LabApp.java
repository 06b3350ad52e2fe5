package org.stacklab.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window holding the {@link LabView}. */
public final class LabApp extends Application {

    @Override
    public void start(Stage stage) {
        LabView view = new LabView();
        stage.setTitle("Stack Lab — what a request crosses, sidecar next to socket-level redirect");
        // Sized to the screen it opens on (a 1280x720 projector as well as a large monitor), up to 1400x940.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setScene(new Scene(view, Math.min(1400, screen.getWidth()), Math.min(940, screen.getHeight())));
        stage.setOnHidden(e -> view.dispose());
        stage.show();
        view.requestFocus();
    }
}
