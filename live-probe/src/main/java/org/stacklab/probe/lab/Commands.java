package org.stacklab.probe.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the system tools the lab is built with (ip, iptables, haproxy), one at a time. */
public final class Commands {

    private static final long TIMEOUT_SECONDS = 30;

    private Commands() {
    }

    /**
     * Runs a command to its end and returns its standard output.
     *
     * @throws LabException if it cannot start, fails, or takes longer than 30 s
     */
    public static String run(List<String> command) throws LabException {
        return runWithInput("", command);
    }

    /**
     * Runs a command with {@code input} on its standard input (iptables-restore's rules, say) and
     * returns its standard output.
     *
     * @throws LabException if it cannot start, fails, or takes longer than 30 s
     */
    public static String runWithInput(String input, List<String> command) throws LabException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new LabException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LabException(String.join(" ", command) + ": no answer in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new LabException(String.join(" ", command) + ": " + new String(err, StandardCharsets.UTF_8).strip()
                        + " (exit " + process.exitValue() + ")");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException(String.join(" ", command) + ": interrupted", e);
        }
    }

    public static String run(String... command) throws LabException {
        return run(List.of(command));
    }

    /** Runs a command and ignores failure: for removing what may not exist. */
    public static void runQuietly(String... command) {
        try {
            run(command);
        } catch (LabException ignored) {
            // nothing to remove is fine
        }
    }

    /** {@code ip netns exec NS command...} */
    public static List<String> inNamespace(String namespace, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return full;
    }

    /** Whether a tool is on the PATH and may be run. */
    public static boolean onPath(String tool) {
        return find(tool).filter(java.nio.file.Files::isExecutable).isPresent();
    }

    /** The first file of that name on the PATH, executable or not. */
    public static java.util.Optional<java.nio.file.Path> find(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            java.nio.file.Path file = java.nio.file.Path.of(dir.isEmpty() ? "." : dir, tool);
            if (java.nio.file.Files.isRegularFile(file)) {
                return java.util.Optional.of(file);
            }
        }
        return java.util.Optional.empty();
    }
}
