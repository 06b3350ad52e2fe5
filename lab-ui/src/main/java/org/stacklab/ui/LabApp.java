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
        stage.setScene(new Scene(view, 1400, 940));
        stage.setOnHidden(e -> view.dispose());
        stage.show();
        view.requestFocus();
    }
}
