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

    /** A bar such as {@code [#######.............]  35%  sidecar (2/4)}. */
    void bar(String label, long done, long total) {
        int width = 24;
        int filled = total == 0 ? width : (int) (width * Math.min(done, total) / total);
        say("[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                + String.format("%3d%%", total == 0 ? 100 : 100 * Math.min(done, total) / total) + "  " + label);
    }

    void done() {
        say("");
        if (terminal) {
            err.print("\r");
            err.flush();
        }
    }
}
