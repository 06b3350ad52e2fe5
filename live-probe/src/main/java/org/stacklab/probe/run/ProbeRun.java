package org.stacklab.probe.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.bpf.EventLayout;
import org.stacklab.probe.datapath.DataPathProgram;
import org.stacklab.probe.datapath.DataPathPrograms;
import org.stacklab.probe.lab.Commands;
import org.stacklab.probe.lab.LabCleanup;
import org.stacklab.probe.lab.LabException;
import org.stacklab.probe.lab.LabPorts;
import org.stacklab.probe.lab.LabTopology;
import org.stacklab.probe.lab.TempFolders;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;

/**
 * Measures one mode for real: builds its topology, starts the server, the proxies and (for
 * socket-level redirect) the sock_ops and sk_msg programs, attaches the path probe, runs the
 * workload driver, then runs sockperf on the same path as a yardstick. Everything is removed
 * before it returns, whether it succeeded or not. It returns what was measured only; the model is
 * set beside it by {@link LiveMeasurement#beside}.
 */
public final class ProbeRun {

    private static final int SOCKPERF_SECONDS = 2;
    private static final int PROXY_START_SECONDS = 5;

    private ProbeRun() {
    }

    /**
     * Measures a mode over one persistent connection, {@code bytes} each way.
     *
     * @throws LabException if the lab cannot be built or the workload fails; nothing is left behind
     */
    public static LiveMeasurement.Measured measure(Mode mode, ProbeOptions options, int bytes)
            throws LabException, BpfException {
        return measure(mode, options, List.of(bytes)).get(0);
    }

    /**
     * Measures a mode for each message size in the same lab (the same server, proxies and CPUs). With
     * several sizes and {@link ProbeOptions#turns()} above one, the sizes take turns: each size's
     * round trips are measured in that many runs of the driver, alternating with the other sizes',
     * so that a drift of the machine during the measurement falls on every size alike.
     *
     * @param sizes bytes of each request and response (the driver echoes what it sends)
     * @throws LabException if the lab cannot be built or the workload fails; nothing is left behind
     */
    public static List<LiveMeasurement.Measured> measure(Mode mode, ProbeOptions options, List<Integer> sizes)
            throws LabException, BpfException {
        if (options.pathProbe()) {
            EventLayout.checkBridge(); // once, before anything is made: a native part built from another header
        }
        LabCleanup.removeLeftovers(false);
        List<AutoCloseable> attached = new ArrayList<>();
        try (LabTopology lab = LabTopology.build(mode, options.pinCpus())) {
            Path work = TempFolders.create("probe");
            attached.add(() -> TempFolders.delete(work));
            Process server = startServer(lab, work);
            Map<ProcessSpec, Process> proxies = startProxies(lab, work);
            List<DataPathProgram> programs = DataPathPrograms.attach(lab);
            programs.forEach(program -> attached.add(0, program));
            RunningLab running = new RunningLab(lab, work, server, proxies, programs, attached);
            List<SizeTurns> bySize = sizes.stream().map(bytes -> new SizeTurns(bytes, options.roundTrips())).toList();
            int turns = sizes.size() == 1 ? 1 : options.turns();
            for (int turn = 0; turn < turns; turn++) {
                for (SizeTurns size : bySize) {
                    long trips = options.roundTrips() * (turn + 1) / turns - options.roundTrips() * turn / turns;
                    long before = bySize.stream().mapToLong(SizeTurns::roundTrips).sum();
                    measureTurn(options.withProgress(done -> options.progress().accept(before + done)), running,
                            size, trips);
                }
            }
            List<LiveMeasurement.Measured> measurements = new ArrayList<>();
            for (SizeTurns size : bySize) {
                measurements.add(measurement(mode, options, lab, size));
            }
            return measurements;
        } catch (IOException e) {
            throw new LabException("cannot prepare the probe's files: " + e.getMessage(), e);
        } finally {
            for (AutoCloseable resource : attached) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // closing the rest matters more
                }
            }
        }
    }

    /**
     * A mode's lab with its server and proxies started and its data-path programs attached.
     *
     * @param attached what to close when the measurement is over, first to last
     */
    private record RunningLab(LabTopology lab, Path work, Process server, Map<ProcessSpec, Process> proxies,
                              List<DataPathProgram> programs, List<AutoCloseable> attached) {

        Set<Integer> proxyPids() {
            Set<Integer> pids = new HashSet<>();
            proxies.values().forEach(p -> pids.add((int) p.pid()));
            return pids;
        }

        /** What became of proxies that are no longer running, for a message about a failed run; else "". */
        String deadProxies() {
            StringBuilder dead = new StringBuilder();
            proxies.forEach((spec, process) -> {
                if (!process.isAlive()) {
                    dead.append("; the proxy ").append(spec.name()).append(" (haproxy) exited with code ")
                            .append(process.exitValue()).append(", ").append(tail(work.resolve(spec.name() + ".log")));
                }
            });
            return dead.toString();
        }
    }

    /** One run of the workload driver, {@code trips} round trips of a size's messages, in a lab already running. */
    private static void measureTurn(ProbeOptions options, RunningLab running, SizeTurns size, long trips)
            throws LabException, BpfException {
        LabTopology lab = running.lab();
        List<AutoCloseable> attached = running.attached();
        int bytes = size.bytes();
        EventLog events = new EventLog();
        PathProbe probe = options.pathProbe() ? PathProbe.attach(lab, running.programs(), events, bytes) : null;
        if (probe != null) {
            attached.add(0, probe);
        }
        Process client = startWorkload(lab, trips, bytes);
        try {
            size.addRoundTrips(readRoundTrips(client, trips, options.progress()));
        } catch (LabException e) {
            throw new LabException(e.getMessage() + running.deadProxies(), e);
        }
        if (probe != null) {
            attached.remove(probe);
            probe.close();
            LiveTrace tracer = new LiveTrace(events, probe.namespaceByInode(), (int) running.server().pid(),
                    options.traceRoundTrips(), bytes, bytes);
            new TripWalker(events, (int) client.pid(), running.proxyPids(), bytes).walk(size.walker(tracer));
            size.addProbed(events, trips, probe.dropped(), tracer);
        }
    }

    /** A size's turns as one measurement, with sockperf's yardstick. */
    private static LiveMeasurement.Measured measurement(Mode mode, ProbeOptions options, LabTopology lab,
                                                        SizeTurns size) throws LabException {
        int bytes = size.bytes();
        long roundTrips = size.roundTrips();
        double sockperf = options.sockperf() && Commands.onPath("sockperf") ? sockperfP50Us(lab, bytes) : 0;
        TripWalker.SegmentTotals segments = size.segments();
        return new LiveMeasurement.Measured(mode.name(), roundTrips, bytes, size.latencyUs(), sockperf, size.crossings(),
                size.probed() ? segments.usPerTrip() : null, segments.trips(), size.dropped(),
                size.probed() ? segments.wakeupsNs() : null, size.trace(), size.probed() ? segments.shareOnWakersCpu() : null);
    }

    /** Starts the workload's server (and sockperf's); returns the workload server. */
    private static Process startServer(LabTopology lab, Path work) throws LabException {
        ProcessSpec server = lab.mode().topology().processWithRole(Role.SERVER);
        Process process = lab.start(server, List.of(NativeFiles.get().file(NativeFiles.PINGPONG).toString(), "server",
                LabPorts.SERVICE_PORTS.get(0).toString()), work.resolve("server.log"));
        if (Commands.onPath("sockperf")) {
            lab.start(server, List.of("sockperf", "sr", "--tcp", "-i", "0.0.0.0", "-p",
                    LabPorts.SERVICE_PORTS.get(1).toString()), work.resolve("sockperf-server.log"));
        }
        return process;
    }

    /** Starts a HAProxy per proxy of the mode and waits until each listens. */
    private static Map<ProcessSpec, Process> startProxies(LabTopology lab, Path work) throws LabException, IOException {
        Map<ProcessSpec, Process> started = new LinkedHashMap<>();
        for (ProcessSpec proxy : lab.mode().topology().processes()) {
            if (proxy.role() != Role.PROXY) {
                continue;
            }
            Path config = work.resolve(proxy.name() + ".cfg");
            Files.writeString(config, lab.proxyConfig(proxy));
            Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Process process = lab.start(proxy, List.of("haproxy", "-db", "-f", config.toString()),
                    work.resolve(proxy.name() + ".log"));
            started.put(proxy, process);
        }
        for (Map.Entry<ProcessSpec, Process> proxy : started.entrySet()) {
            awaitListening(lab, proxy.getKey(), proxy.getValue(), work.resolve(proxy.getKey().name() + ".log"));
        }
        return started;
    }

    /** Waits until a proxy listens on all its ports; says which proxy failed and why if it exits or never does. */
    private static void awaitListening(LabTopology lab, ProcessSpec proxy, Process process, Path log)
            throws LabException {
        List<LabTopology.ProxyPort> ports = lab.proxyPorts(proxy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROXY_START_SECONDS);
        while (true) {
            if (!process.isAlive()) {
                throw new LabException("the proxy " + proxy.name() + " (haproxy) exited with code "
                        + process.exitValue() + " as it started; " + tail(log));
            }
            Map<String, String> listening = new HashMap<>(); // ss's listening sockets, by namespace
            boolean all = true;
            for (LabTopology.ProxyPort port : ports) {
                if (!listening.containsKey(port.netns())) {
                    listening.put(port.netns(), Commands.run(Commands.inNamespace(port.netns(), "ss", "-Hltn")));
                }
                all &= listening.get(port.netns()).contains(":" + port.port() + " ");
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("the proxy " + proxy.name() + " (haproxy) did not listen on "
                        + ports.stream().map(p -> p.port() + " in " + p.netns()).toList() + " within "
                        + PROXY_START_SECONDS + " s; " + tail(log));
            }
            sleep(20);
        }
    }

    private static Process startWorkload(LabTopology lab, long roundTrips, int bytes) throws LabException {
        ProcessSpec client = lab.mode().topology().processWithRole(Role.CLIENT);
        return lab.start(client, List.of(NativeFiles.get().file(NativeFiles.PINGPONG).toString(), "client",
                lab.serverAddressFrom(client), LabPorts.SERVICE_PORTS.get(0).toString(), Long.toString(roundTrips),
                Integer.toString(bytes), "raw"), null);
    }

    /** The workload driver's round trips, one a line in ns, into a histogram. */
    private static Histogram readRoundTrips(Process process, long roundTrips, LongConsumer progress)
            throws LabException {
        Histogram histogram = new Histogram(3);
        long done = 0;
        String firstLine = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                firstLine = firstLine == null ? line : firstLine;
                if (!line.strip().matches("\\d+")) {
                    // The driver prints its round trips in ns, one a line, or why it stopped.
                    process.waitFor(5, TimeUnit.SECONDS);
                    throw new LabException("the workload driver failed after " + done + " round trips: " + line.strip()
                    );
                }
                histogram.recordValue(Long.parseLong(line.strip()));
                if (++done % 1000 == 0) {
                    progress.accept(done);
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || done != roundTrips) {
                throw new LabException("the workload driver failed after " + done + " round trips"
                        + (firstLine == null ? "" : ": " + firstLine));
            }
            progress.accept(done);
            return histogram;
        } catch (IOException | NumberFormatException e) {
            throw new LabException("cannot read the workload driver's output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    private static double sockperfP50Us(LabTopology lab, int bytes) throws LabException {
        ProcessSpec client = lab.mode().topology().processWithRole(Role.CLIENT);
        String out = Commands.run(Commands.inNamespace(lab.netns(client.namespace()), "sockperf", "pp", "--tcp", "-i",
                lab.serverAddressFrom(client), "-p", LabPorts.SERVICE_PORTS.get(1).toString(), "-m",
                Integer.toString(bytes), "-t", Integer.toString(SOCKPERF_SECONDS)));
        for (String line : out.lines().toList()) {
            if (line.contains("percentile 50.000")) {
                String[] words = line.trim().split("\\s+");
                return Math.round(2 * Double.parseDouble(words[words.length - 1]) * 1000) / 1000.0;
            }
        }
        throw new LabException("sockperf printed no median: " + out.lines().reduce((a, b) -> b).orElse(""));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of a process's log, for a message about why it failed. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.isEmpty() ? "its log is empty"
                    : "its log ends: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "its log cannot be read";
        }
    }
}
