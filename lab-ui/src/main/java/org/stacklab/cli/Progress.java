package org.stacklab.cli;

import java.io.PrintWriter;

/** One self-erasing status line on the terminal for long work; silent when output is not a terminal. */
final class Progress {

    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private int shown;
    private String timing;
    private long startedNs;

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

    /** A bar such as {@code [#######.............]  35%  sidecar (2/4), about 2 min left}. */
    void bar(String label, long done, long total) {
        if (!label.equals(timing)) {
            timing = label;
            startedNs = System.nanoTime();
        }
        int width = 24;
        int filled = total == 0 ? width : (int) (width * Math.min(done, total) / total);
        say("[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                + String.format("%3d%%", total == 0 ? 100 : 100 * Math.min(done, total) / total) + "  " + label
                + timeLeft(done, total));
    }

    /** What is left at the pace so far, once there is a pace to go by. */
    private String timeLeft(long done, long total) {
        double elapsedS = (System.nanoTime() - startedNs) / 1e9;
        if (done <= 0 || done >= total || elapsedS < 2) {
            return "";
        }
        long leftS = Math.round(elapsedS * (total - done) / done);
        return ", about " + (leftS < 90 ? leftS + " s" : leftS < 5400 ? Math.round(leftS / 60.0) + " min"
                : leftS < 172_800 ? Math.round(leftS / 3600.0) + " h" : Math.round(leftS / 86400.0) + " days") + " left";
    }

    void done() {
        say("");
        if (terminal) {
            err.print("\r");
            err.flush();
        }
    }
}
