package org.stacklab.probe.run;

import java.io.IOException;
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
import org.stacklab.sim.workload.Workload;

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

    /** Why the live driver cannot run a workload, or null if it can. */
    public static String whyNot(Workload workload) {
        return WorkloadDriver.whyNot(workload);
    }

    /**
     * Measures a mode running one workload.
     *
     * @throws LabException if the lab cannot be built or the workload fails; nothing is left behind
     */
    public static LiveMeasurement.Measured measure(Mode mode, ProbeOptions options, Workload workload)
            throws LabException, BpfException {
        return measure(mode, options, List.of(workload)).get(0);
    }

    /**
     * Measures a mode running each workload in the same lab (the same proxies and CPUs). With several
     * workloads and {@link ProbeOptions#turns()} above one, they take turns: each one's requests are
     * measured in that many runs of the driver, alternating with the others', so that a drift of the
     * machine during the measurement falls on every one alike.
     *
     * @throws LabException if a workload is one the driver cannot run (before anything is built), if the
     *                      lab cannot be built or the workload fails; nothing is left behind
     */
    public static List<LiveMeasurement.Measured> measure(Mode mode, ProbeOptions options, List<Workload> workloads)
            throws LabException, BpfException {
        InParts whole = new InParts(mode, options, workloads, 1);
        whole.measureNext(options.progress());
        return whole.measurements();
    }

    /**
     * A mode's workloads measured in parts, each part in a lab built for it and removed after it, so that
     * several modes can take turns part by part and a drift of the machine falls on every mode alike (a
     * stall then costs one part of one mode, not a whole mode). Each part runs its share of every workload,
     * the workloads taking their turns within it; the last part also runs the sockperf yardstick.
     */
    public static final class InParts {
        private final Mode mode;
        private final ProbeOptions options;
        private final List<WorkloadTurns> byWorkload;
        private final int parts;
        /** Runs of the driver a workload takes within one part. */
        private final int turnsPerPart;
        private final List<LiveMeasurement.Measured> measured = new ArrayList<>();
        private int partsDone;

        /**
         * @throws LabException if a workload is one the driver cannot run, or has fewer requests than runs
         *                      (nothing is built)
         * @throws BpfException if the native part was built from another header than the Java side's
         */
        public InParts(Mode mode, ProbeOptions options, List<Workload> workloads, int parts)
                throws LabException, BpfException {
            if (parts < 1) {
                throw new IllegalArgumentException("at least one part, not " + parts);
            }
            this.mode = mode;
            this.options = options;
            this.parts = parts;
            this.turnsPerPart = workloads.size() == 1 ? 1 : options.turns();
            for (Workload w : workloads) {
                WorkloadDriver.check(w);
                if ((long) turnsPerPart * parts > w.requests()) {
                    throw new LabException(turnsPerPart * parts + " turns of " + w.requests()
                            + " requests: at most one turn a request");
                }
            }
            if (options.pathProbe()) {
                EventLayout.checkBridge(); // once, before anything is made: a native part built from another header
            }
            this.byWorkload = workloads.stream().map(WorkloadTurns::new).toList();
        }

        public boolean finished() {
            return partsDone == parts;
        }

        /** The round trips measured so far, every part's and workload's together. */
        public long roundTripsDone() {
            return byWorkload.stream().mapToLong(WorkloadTurns::roundTrips).sum();
        }

        /**
         * Builds the mode's lab, measures the next part of every workload in it and removes it again.
         *
         * @param progress told the round trips of this mode done so far, every part's and workload's together
         * @throws LabException if the lab cannot be built or a workload fails; nothing is left behind
         */
        public void measureNext(LongConsumer progress) throws LabException, BpfException {
            if (finished()) {
                throw new IllegalStateException("every part of " + mode.name() + " is measured");
            }
            int part = partsDone;
            inLab(mode, options, byWorkload.get(0).workload(), running -> {
                int allTurns = parts * turnsPerPart;
                for (int turn = part * turnsPerPart; turn < (part + 1) * turnsPerPart; turn++) {
                    for (WorkloadTurns one : byWorkload) {
                        long requests = one.workload().requests();
                        long trips = requests * (turn + 1) / allTurns - requests * turn / allTurns;
                        long before = roundTripsDone();
                        measureTurn(options.withProgress(done -> progress.accept(before + done)), running, one,
                                trips, turn);
                    }
                }
                if (part == parts - 1) {
                    for (WorkloadTurns one : byWorkload) {
                        measured.add(measurement(mode, options, running.lab, one));
                    }
                }
            });
            partsDone++;
        }

        /** Each workload's measurement, every part as one; once every part is measured. */
        public List<LiveMeasurement.Measured> measurements() {
            if (!finished()) {
                throw new IllegalStateException(partsDone + " of " + parts + " parts of " + mode.name() + " measured");
            }
            return List.copyOf(measured);
        }
    }

    /** What runs in a mode's lab once it is up. */
    @FunctionalInterface
    private interface InLab {
        void run(RunningLab running) throws LabException, BpfException;
    }

    /**
     * Builds the mode's lab — the driver's server for the first workload, sockperf's, the proxies and the
     * data-path programs — runs {@code body} in it, and removes everything, whether it succeeded or not.
     */
    private static void inLab(Mode mode, ProbeOptions options, Workload first, InLab body)
            throws LabException, BpfException {
        LabCleanup.removeLeftovers(false);
        List<AutoCloseable> attached = new ArrayList<>();
        try (LabTopology lab = LabTopology.build(mode, options.placement())) {
            Path work = TempFolders.create("probe");
            attached.add(() -> TempFolders.delete(work));
            RunningLab running = new RunningLab(lab, work, attached);
            running.serve(first);
            startSockperfServer(lab, work);
            running.proxies.putAll(startProxies(lab, work));
            running.programs.addAll(DataPathPrograms.attach(lab));
            running.programs.forEach(program -> attached.add(0, program));
            body.run(running);
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
     * A mode's lab with its proxies started and its data-path programs attached, and the driver's
     * server for the workload being measured (started again when the next one's messages differ).
     */
    private static final class RunningLab {
        final LabTopology lab;
        final Path work;
        final Map<ProcessSpec, Process> proxies = new LinkedHashMap<>();
        final List<DataPathProgram> programs = new ArrayList<>();
        /** What to close when the measurement is over, first to last. */
        final List<AutoCloseable> attached;
        private Process server;
        private Workload serving;

        RunningLab(LabTopology lab, Path work, List<AutoCloseable> attached) {
            this.lab = lab;
            this.work = work;
            this.attached = attached;
        }

        /** The driver's server for a workload: the one running if it answers the same messages. */
        Process serve(Workload w) throws LabException {
            if (server != null && server.isAlive() && sameMessages(serving, w)) {
                return server;
            }
            if (server != null) {
                server.destroy();
                awaitExit(server);
            }
            Path log = work.resolve("server.log");
            server = WorkloadDriver.startServer(lab, w, log);
            serving = w;
            ProcessSpec spec = lab.mode().topology().processWithRole(Role.SERVER);
            awaitListening("the workload server", server, List.of(new LabTopology.ProxyPort(
                    lab.netns(spec.namespace()), LabPorts.SERVICE_PORTS.get(0))), log);
            return server;
        }

        private static boolean sameMessages(Workload a, Workload b) {
            return a.requestBytes() == b.requestBytes() && a.responseBytes() == b.responseBytes()
                    && a.connections() == b.connections();
        }

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

    /**
     * One run of the workload driver, {@code trips} requests of a workload, in a lab already running; run again
     * while the host took more of the CPUs' time than the options allow ({@link ProbeOptions#maxStolenShare}), and
     * the least stolen of the tries kept.
     */
    private static void measureTurn(ProbeOptions options, RunningLab running, WorkloadTurns one, long trips, int turn)
            throws LabException, BpfException {
        Workload workload = one.workload();
        Process server = running.serve(workload);
        Try kept = null;
        for (int remeasured = 0; ; remeasured++) {
            Try next = tryTurn(options, running, one, trips, turn);
            if (kept == null || next.stolenShare() < kept.stolenShare()) {
                kept = next; // the others' runs and probe events are dropped with them
            }
            if (!options.remeasure(next.during(), remeasured)) {
                break;
            }
        }
        one.addRun(kept.run(), kept.during());
        if (kept.probe() != null) {
            LiveTrace tracer = new LiveTrace(kept.events(), kept.probe().namespaceByInode(), (int) server.pid(),
                    options.traceRoundTrips(), workload.requestBytes(), workload.responseBytes());
            if (WorkloadDriver.oneMessageInFlight(workload)) {
                new TripWalker(kept.events(), (int) kept.client().pid(), running.proxyPids(), one.smallestMessage())
                        .walk(one.walker(tracer));
            }
            one.addProbed(kept.events(), trips, kept.probe().dropped(), tracer);
        }
    }

    /** One try of a turn: the driver's run, the machine's CPU during it, and what the path probe (closed) saw. */
    private record Try(WorkloadDriver.Run run, MachineCpu during, Process client, EventLog events, PathProbe probe) {

        /** Unknown steal counts as none: such a try is kept. */
        double stolenShare() {
            return during == null ? 0 : during.stolenShare();
        }
    }

    private static Try tryTurn(ProbeOptions options, RunningLab running, WorkloadTurns one, long trips, int turn)
            throws LabException, BpfException {
        EventLog events = new EventLog();
        PathProbe probe = options.pathProbe()
                ? PathProbe.attach(running.lab, running.programs, events, one.smallestMessage()) : null;
        if (probe != null) {
            running.attached.add(0, probe);
        }
        MachineCpu machineBefore = MachineCpu.sinceBoot();
        Process client = WorkloadDriver.startClient(running.lab, one.workload(), trips, turn + 1);
        try {
            WorkloadDriver.Run run = WorkloadDriver.read(client, trips, options.progress());
            MachineCpu machineAfter = MachineCpu.sinceBoot();
            return new Try(run, machineBefore == null || machineAfter == null ? null : machineAfter.since(machineBefore),
                    client, events, probe);
        } catch (LabException e) {
            throw new LabException(e.getMessage() + running.deadProxies(), e);
        } finally {
            if (probe != null) {
                running.attached.remove(probe);
                probe.close();
            }
        }
    }

    /** A workload's turns as one measurement, with sockperf's yardstick (for a ping-pong, at its size). */
    private static LiveMeasurement.Measured measurement(Mode mode, ProbeOptions options, LabTopology lab,
                                                        WorkloadTurns one) throws LabException {
        Workload w = one.workload();
        long roundTrips = one.roundTrips();
        boolean yardstick = options.sockperf() && Commands.onPath("sockperf") && w.requestBytes() == w.responseBytes()
                && WorkloadDriver.oneMessageInFlight(w) && !w.newConnectionPerRequest();
        double sockperf = yardstick ? sockperfP50Us(lab, w.requestBytes()) : 0;
        TripWalker.SegmentTotals segments = one.segments();
        boolean timed = one.probed() && WorkloadDriver.oneMessageInFlight(w);
        return new LiveMeasurement.Measured(mode.name(), w.withRequests(roundTrips), options.placement(),
                one.latencyUs(), sockperf,
                one.crossings(), timed ? segments.usPerTrip() : null, segments.trips(), one.dropped(),
                timed ? segments.wakeupsNs() : null, timed ? one.trace() : List.of(),
                timed ? segments.shareOnWakersCpu() : null, timed ? segments.shareOntoIdleCpu() : null,
                one.driverCpuUsPerRequest(), one.throughput(), one.lateWritesUs(), one.hostStolenShare());
    }

    /** Starts sockperf's server beside the workload's, if sockperf is installed. */
    private static void startSockperfServer(LabTopology lab, Path work) throws LabException {
        if (Commands.onPath("sockperf")) {
            ProcessSpec server = lab.mode().topology().processWithRole(Role.SERVER);
            lab.start(server, List.of("sockperf", "sr", "--tcp", "-i", "0.0.0.0", "-p",
                    LabPorts.SERVICE_PORTS.get(1).toString()), work.resolve("sockperf-server.log"));
        }
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
            awaitListening("the proxy " + proxy.getKey().name() + " (haproxy)", proxy.getValue(),
                    lab.proxyPorts(proxy.getKey()), work.resolve(proxy.getKey().name() + ".log"));
        }
        return started;
    }

    /** Waits until a process listens on all its ports; says which failed and why if it exits or never does. */
    private static void awaitListening(String who, Process process, List<LabTopology.ProxyPort> ports, Path log)
            throws LabException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROXY_START_SECONDS);
        while (true) {
            if (!process.isAlive()) {
                throw new LabException(who + " exited with code " + process.exitValue() + " as it started; "
                        + tail(log));
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
                throw new LabException(who + " did not listen on "
                        + ports.stream().map(p -> p.port() + " in " + p.netns()).toList() + " within "
                        + PROXY_START_SECONDS + " s; " + tail(log));
            }
            sleep(20);
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

    private static void awaitExit(Process process) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
