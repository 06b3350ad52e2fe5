package org.stacklab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One {@code stacklab} command run in this JVM: its exit code and what it printed on each stream. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StackLab.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
