package org.stacklab.cli;

import java.io.PrintWriter;

/** One self-erasing status line on the terminal for long work; silent when output is not a terminal. */
final class Progress {

    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private int shown;

    Progress(PrintWriter err) {
        this.err = err;
    }

    void say(String status) {
        if (terminal) {
            err.print("\r" + status + " ".repeat(Math.max(0, shown - status.length())));
            err.flush();
            shown = status.length();
        }
    }

    void done() {
        say("");
        if (terminal) {
            err.print("\r");
            err.flush();
        }
    }
}
