package org.stacklab.cli;

import java.util.concurrent.Callable;
import javafx.application.Application;
import org.stacklab.ui.LabApp;
import picocli.CommandLine.Command;

/** {@code stacklab lab}: opens the lab window (what no arguments do where there is a display). */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Open the lab window: sidecar next to socket-level redirect, step by step.")
final class LabCommand implements Callable<Integer> {

    /** Whether a window can be opened here: a display, and not told to stay headless. */
    static boolean displayAvailable() {
        boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        return display && !Boolean.getBoolean("java.awt.headless");
    }

    @Override
    public Integer call() {
        if (!displayAvailable()) {
            throw new UserError("no display to open the lab window on (DISPLAY is not set); on a server,"
                    + " `xvfb-run ./stacklab lab` or the command line (`stacklab compare`) work");
        }
        Application.launch(LabApp.class);
        return 0;
    }
}
