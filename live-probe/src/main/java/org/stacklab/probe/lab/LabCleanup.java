package org.stacklab.probe.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes what a lab left behind when its process died without closing it (SIGKILL, a power
 * cut): namespaces named {@code sl-<id>-*}, cgroups {@code stacklab-<pid>} and temporary folders
 * {@code stacklab-<kind>-<pid>-*} whose owner is gone, with every process still in them. A lab whose
 * owner still runs is left alone unless forced. eBPF programs need nothing: the lab pins none, so
 * the kernel unloads them when their owner's file descriptors close.
 */
public final class LabCleanup {

    private LabCleanup() {
    }

    /**
     * Removes the leftovers of dead labs.
     *
     * @param includingLive also remove those of labs whose owner still runs (which breaks their runs)
     * @return what was removed, one entry per namespace, cgroup or folder
     */
    public static List<String> removeLeftovers(boolean includingLive) {
        List<String> removed = new ArrayList<>();
        String namespaces;
        try {
            namespaces = Commands.run("ip", "netns", "list");
        } catch (LabException e) {
            namespaces = "";
        }
        for (String line : namespaces.lines().toList()) {
            String name = line.split(" ")[0];
            if (name.startsWith(LabTopology.NETNS_PREFIX) && (includingLive || ownerGone(name))) {
                killIn(name);
                Commands.runQuietly("ip", "netns", "del", name);
                removed.add("namespace " + name);
            }
        }
        Optional<Path> root = Cgroups.root();
        if (root.isPresent()) {
            try (var dirs = Files.list(root.get())) {
                for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(LabTopology.CGROUP_PREFIX))
                        .toList()) {
                    String pid = dir.getFileName().toString().substring(LabTopology.CGROUP_PREFIX.length());
                    if (includingLive || !alive(pid, 10)) {
                        Cgroups.destroy(dir);
                        removed.add("cgroup " + dir);
                    }
                }
            } catch (IOException ignored) {
                // no cgroups to look at
            }
        }
        removed.addAll(TempFolders.removeDead());
        return removed;
    }

    /** The labs of other processes that still run: what a cleanup leaves alone unless forced. */
    public static List<String> liveLabs() {
        List<String> live = new ArrayList<>();
        try {
            for (String line : Commands.run("ip", "netns", "list").lines().toList()) {
                String name = line.split(" ")[0];
                if (name.startsWith(LabTopology.NETNS_PREFIX) && !ownerGone(name)) {
                    live.add(name);
                }
            }
        } catch (LabException e) {
            // no namespaces to look at
        }
        return live;
    }

    private static boolean ownerGone(String netns) {
        String rest = netns.substring(LabTopology.NETNS_PREFIX.length());
        int dash = rest.indexOf('-');
        return dash < 0 || !alive(rest.substring(0, dash), 36);
    }

    private static boolean alive(String pid, int radix) {
        try {
            return alive(Long.parseLong(pid, radix));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void killIn(String netns) {
        try {
            for (String pid : Commands.run("ip", "netns", "pids", netns).lines().toList()) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (LabException | NumberFormatException ignored) {
            // nothing left to kill
        }
    }
}
