package org.stacklab.probe.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.stacklab.probe.lab.LabException;

/**
 * A run of the workload driver outside any lab (its timers, its idle-wake), its output read line by line: the
 * driver started, each line handed on, its end awaited, and any failure one {@link LabException} naming the run.
 */
final class DriverOutput {

    /** What a run's caller does with each line of its output; a line it cannot read fails the run. */
    interface Line {
        void accept(String line) throws LabException;
    }

    /** How long the driver may take to end once its output has ended. */
    private static final long END_SECONDS = 30;

    private DriverOutput() {
    }

    /**
     * Runs {@code command} and hands each line it prints (standard output and error together) to {@code line}.
     *
     * @param what the run, as messages name it ({@code timers}, {@code idle-wake})
     * @return whether it exited with code 0 in time
     */
    static boolean read(String what, List<String> command, Line line) throws LabException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LabException("cannot start the workload driver's " + what + ": " + e.getMessage(), e);
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                line.accept(text);
            }
            return process.waitFor(END_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            throw new LabException("cannot read the workload driver's " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        } finally {
            process.destroyForcibly();
        }
    }
}
