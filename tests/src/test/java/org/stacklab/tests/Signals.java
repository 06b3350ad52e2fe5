package org.stacklab.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests need to know of signals before they send one. */
final class Signals {

    private Signals() {
    }

    /** Whether this process ignores a signal (then its children start with it ignored, and Java keeps it so). */
    static boolean ignoredHere(String signal) throws IOException {
        int number = signal.equals("INT") ? 2 : 15;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }
}
