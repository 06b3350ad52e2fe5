package org.stacklab.sim.io;

import java.io.IOException;
import java.nio.file.Path;

/** An output file that cannot be written: the user's to fix, reported in one line naming it. */
public final class OutputFileException extends IOException {

    private final transient Path target;

    public OutputFileException(Path target, String reason) {
        super("cannot write " + target + ": " + reason);
        this.target = target;
    }

    public OutputFileException(Path target, String reason, Throwable cause) {
        super("cannot write " + target + ": " + reason, cause);
        this.target = target;
    }

    public Path target() {
        return target;
    }
}
