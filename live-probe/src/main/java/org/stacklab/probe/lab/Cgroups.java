package org.stacklab.probe.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The cgroup v2 hierarchy, wherever it is mounted (unified, or hybrid under /sys/fs/cgroup/unified). */
public final class Cgroups {

    private Cgroups() {
    }

    /** The cgroup v2 mount point, if there is one. */
    public static Optional<Path> root() {
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts"));
            for (String line : mounts) {
                String[] fields = line.split(" ");
                if (fields.length > 2 && fields[2].equals("cgroup2")) {
                    return Optional.of(Path.of(fields[1]));
                }
            }
        } catch (IOException ignored) {
            // not Linux, or no /proc: no cgroup v2
        }
        return Optional.empty();
    }

    /** Moves a process into a cgroup. */
    public static void move(Path cgroup, long pid) throws LabException {
        try {
            Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(pid));
        } catch (IOException e) {
            throw new LabException("cannot move process " + pid + " into " + cgroup + ": " + e.getMessage(), e);
        }
    }

    /** Kills every process in a cgroup and its children, then removes them, deepest first. */
    public static void destroy(Path cgroup) {
        if (!Files.isDirectory(cgroup)) {
            return;
        }
        try (var children = Files.list(cgroup)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                destroy(child);
            }
        } catch (IOException ignored) {
            // removal below reports nothing either way
        }
        try {
            Files.writeString(cgroup.resolve("cgroup.kill"), "1");
        } catch (IOException e) {
            killListed(cgroup);
        }
        for (int attempt = 0; attempt < 50 && Files.isDirectory(cgroup); attempt++) {
            if (!cgroup.toFile().delete()) {
                sleep();
            }
        }
    }

    private static void killListed(Path cgroup) {
        try {
            for (String pid : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | NumberFormatException ignored) {
            // the cgroup is empty or gone
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
