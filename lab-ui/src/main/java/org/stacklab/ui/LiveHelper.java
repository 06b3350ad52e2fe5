package org.stacklab.ui;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.concurrent.Task;
import org.stacklab.probe.doctor.Check;
import org.stacklab.probe.doctor.Doctor;
import org.stacklab.probe.lab.Commands;
import org.stacklab.probe.lab.LabException;

/**
 * Runs the live probe for the lab as a separate, privileged process ({@code stacklab probe run
 * --out FILE}, through {@code sudo -n} when the lab is not root), so that the lab itself never
 * needs root; the lab then opens the recording it wrote.
 */
final class LiveHelper {

    private LiveHelper() {
    }

    /**
     * Measures {@code modes} in the helper, off the FX thread; the task's value is the recording it wrote
     * (the caller's to delete once read). Cancelled, it stops the helper with SIGTERM, on which the probe
     * removes its lab before it exits.
     */
    static Task<Path> measure(List<String> modes, long roundTrips) {
        return new Task<>() {
            private Process helper;
            private Path out;

            @Override
            protected Path call() throws Exception {
                updateMessage("Checking that the live probe can run here…");
                Optional<String> reason = unavailable();
                if (reason.isPresent()) {
                    throw new IllegalStateException(reason.get());
                }
                out = Files.createTempFile("stacklab-live-", ".json");
                updateMessage("Measuring " + String.join(" and ", modes) + " on this machine (as root, in a helper)…");
                try {
                    helper = new ProcessBuilder(command(modes, roundTrips, out))
                            .redirectErrorStream(true).start();
                    String output = new String(helper.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (helper.waitFor() != 0) {
                        throw new IllegalStateException("the live probe failed: " + output.lines()
                                .filter(l -> l.startsWith("stacklab:")).findFirst().orElse(output.strip()));
                    }
                    return out;
                } catch (Exception e) {
                    Files.deleteIfExists(out);
                    throw e;
                }
            }

            @Override
            protected void cancelled() {
                if (helper != null) {
                    helper.destroy(); // SIGTERM: the probe removes its lab before it exits
                }
                if (out != null) {
                    out.toFile().delete();
                }
            }
        };
    }

    /** Why live measurement is not possible here, or empty if it is; never throws, so the lab always hears back. */
    static Optional<String> unavailable() {
        List<Check> checks;
        try {
            checks = Doctor.run();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("stacklab doctor could not finish: " + e.getMessage());
        }
        boolean root = checks.stream().anyMatch(c -> c.name().equals(Doctor.ROOT_CHECK) && c.passed());
        List<Check> failed = checks.stream().filter(c -> c.required() && !c.passed())
                .filter(c -> !c.name().equals(Doctor.ROOT_CHECK)).toList();
        if (!failed.isEmpty()) {
            return Optional.of("stacklab doctor: " + failed.get(0).name() + ": " + failed.get(0).detail() + " — fix: "
                    + failed.get(0).fix());
        }
        if (!root && !sudoWithoutPassword()) {
            return Optional.of("the live probe needs root: run `sudo ./stacklab probe run --out FILE` and open FILE,"
                    + " or allow this user `sudo -n` for stacklab");
        }
        return Optional.empty();
    }

    /** The command that measures {@code modes} and saves the recording to {@code out}. */
    static List<String> command(List<String> modes, long roundTrips, Path out) {
        List<String> command = new ArrayList<>();
        if (!ProcessHandle.current().info().user().orElse("").equals("root")) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.stacklab.cli.StackLab", "probe", "run", "--mode",
                String.join(",", modes), "--requests", Long.toString(roundTrips), "--no-sockperf",
                "--out", out.toString()));
        return command;
    }

    private static boolean sudoWithoutPassword() {
        try {
            Commands.run("sudo", "-n", "true");
            return true;
        } catch (LabException e) {
            return false;
        }
    }
}
