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

    @picocli.CommandLine.Option(names = "--screenshots", paramLabel = "DIR", description = "Make the README's pictures"
            + " (1920x1080 and 1280x720, plain and presenter, the flow view, and sidecar beside ambient) in DIR with a real window, then exit."
            + " On a server: xvfb-run -s '-screen 0 1920x1080x24' ./stacklab lab --screenshots DIR")
    java.nio.file.Path screenshots;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!displayAvailable()) {
            throw new UserError("no display to open the lab window on (DISPLAY is not set); on a server,"
                    + " `xvfb-run ./stacklab lab` or the command line (`stacklab compare`) work");
        }
        if (screenshots != null) {
            java.nio.file.Files.createDirectories(screenshots);
            for (String file : org.stacklab.ui.LabScreenshots.run(screenshots)) {
                spec.commandLine().getOut().println("wrote " + file);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
        org.stacklab.ui.LabView.preloadDefaultScenario();
        Application.launch(LabApp.class);
        return 0;
    }
}
