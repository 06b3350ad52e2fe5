package org.stacklab.probe.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.sim.engine.CpuCores;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Topology;

/**
 * The lab's processes: each started inside its namespace and in the lab's cgroup v2 directory (its
 * child {@code redirected-<node>} for the processes socket-level redirect covers on that node, as each
 * node's kernel has a sockhash of its own, else {@code plain}), optionally pinned to a CPU. Closing kills
 * them all and removes the cgroups.
 */
final class LabProcesses {

    private final Topology topology;
    private final CpuPlacement placement;
    private final Path cgroup;
    private final Path plain;
    private final List<Process> started = new ArrayList<>();

    LabProcesses(Topology topology, CpuPlacement placement, Path cgroup) {
        this.topology = topology;
        this.placement = placement;
        this.cgroup = cgroup;
        this.plain = cgroup.resolve("plain");
    }

    void createCgroups() throws LabException {
        try {
            for (String node : redirectedNodes()) {
                Files.createDirectories(redirectedCgroup(node));
            }
            Files.createDirectories(plain);
        } catch (IOException e) {
            throw new LabException("cannot create cgroup " + cgroup + ": " + e.getMessage(), e);
        }
    }

    /** The lab's cgroup, parent of both of its process cgroups. */
    Path cgroup() {
        return cgroup;
    }

    /** The nodes with processes the socket-level redirect covers (the topology's only namespace if it has no node). */
    List<String> redirectedNodes() {
        if (topology.redirect() == null) {
            return List.of();
        }
        return topology.redirect().cgroup().stream().map(name -> nodeOf(topology.process(name))).distinct().toList();
    }

    /** The cgroup whose sockets the socket-level redirect covers on a node. */
    Path redirectedCgroup(String node) {
        return cgroup.resolve("redirected-" + node);
    }

    private String nodeOf(ProcessSpec process) {
        String node = topology.nodeOf(process.namespace());
        return node == null ? process.namespace() : node;
    }

    Process start(ProcessSpec spec, String netns, List<String> command, Path log) throws LabException {
        boolean covered = topology.redirect() != null && topology.redirect().cgroup().contains(spec.name());
        Path target = covered ? redirectedCgroup(nodeOf(spec)) : plain;
        List<String> full = new ArrayList<>(List.of("sh", "-c",
                "echo $$ > '" + target.resolve("cgroup.procs") + "' && exec \"$@\"", "sh"));
        full.addAll(Commands.inNamespace(netns));
        // Process i of the topology is the model's task i: the same placement keeps it on the same CPU.
        int cpu = placement.coreOf(topology.processes().indexOf(spec), Runtime.getRuntime().availableProcessors());
        if (cpu != CpuCores.NONE) {
            full.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        full.addAll(command);
        try {
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
            if (log != null) {
                builder.redirectOutput(log.toFile());
            }
            Process process = builder.start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new LabException("cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    void close() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        Cgroups.destroy(cgroup);
    }
}
