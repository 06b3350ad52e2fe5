package org.stacklab.sim.model;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.cost.HaltPolling;
import org.stacklab.sim.cost.StageSampler;
import org.stacklab.sim.engine.CpuCores;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.engine.IntQueue;
import org.stacklab.sim.engine.RandomStreams;
import org.stacklab.sim.engine.Simulator;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.path.Script;
import org.stacklab.sim.path.Step;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.workload.Workload;

/**
 * Plays requests through a mode's path on a discrete-event {@link Simulator}.
 *
 * <p>Each process of the topology is a task on {@link CpuCores}. A message reaching a blocked
 * process wakes it: it waits for a core, is switched in ({@link Stage#CTX_SWITCH}), then runs the
 * script for that message — its turn, one event per stage or one for the whole turn ({@link EventGrain}) —
 * and delivers the message onwards. A process that
 * is already running or runnable finds the message in its inbox when it is done with the one in
 * hand, without a switch; the time it waited there is reported as
 * {@link VisitListener#queued queued}. Which process does what follows only from the compiled
 * {@link PathProgram}; the model knows no mode.
 *
 * <p>A process that waits in a blocking read (an app) serves each connection in a thread of its own, as
 * the live lab's driver does; one that waits in an event loop (a proxy) serves every connection in its
 * one thread. A thread is a task on the cores; a placement keeps a process's threads together.
 *
 * <p>An event loop (a proxy) that takes its next message without waiting, of the connection and direction
 * of the one it has just handled, took it in the same read (up to {@link ProcessSpec#EVENT_LOOP_READ_BYTES}
 * together) and writes it on in the same write: that message's turn costs only what its bytes cost, the
 * syscalls, the proxy's work and the packets' fixed costs paid once for the batch. So a proxied stream of
 * small messages moves in chunks, as HAProxy's does.
 *
 * <p>An open loop's requests are written when their connection's thread wakes from its timer. Where the profile
 * says what a timer costs ({@link CostProfile#timers()}), a sleeping thread's timer takes the thread's switch that
 * much more CPU; and where its CPU is idle (on a VM, a halted vCPU the host runs again late) its arrival waits the
 * timer's lateness, drawn, before the thread wakes, and its switch is then one on an awake CPU (the timer woke it;
 * the halted CPU's wake-up, which a ping-pong's wake-ups include, is that lateness); arrivals for it meanwhile wait
 * with it. A thread awake, or a timer on a busy CPU, is on time. The requests' latency counts from their intended
 * times, as the live driver's does.
 *
 * <p>A node may hold the topology several times over ({@code replicas}: pod pairs side by side,
 * each with its own processes, all sharing the node's cores). Each request belongs to one replica
 * and stays in it: open-loop arrivals pick a replica uniformly at random, closed-loop connections
 * are dealt round robin.
 *
 * <p>In a {@link Workload.Pattern#STREAM stream} each connection's next message is written as soon as
 * the client's send of the last one is done, while fewer than {@link Workload#streamWindow()} of the
 * connection's messages are unread; a connection at its window waits, and the server's read that frees
 * a third of it wakes the client, as the kernel wakes a writer blocked on a full socket buffer.
 *
 * <p>Not thread-safe. The same program, profile, workload, core count, replicas and seed give the
 * same sequence of visits.
 */
public final class StackModel {

    private static final int BLOCKED = 0;
    private static final int WAITING = 1;
    private static final int RUNNING = 2;

    private final Simulator simulator = new Simulator();
    private final CpuCores cores;
    private final StageSampler sampler;
    private final CorrelatedWakeups wakeups;
    private final CorrelatedWork work;
    /** The share of wake-ups put beside their waker ({@link org.stacklab.sim.cost.WakePlacement#affinity()}). */
    private final double wakeAffinity;
    private final double busyCpuFactor;
    /** What a switch crossing from another CPU onto a busy one costs beside an idle one's; 0 where not measured. */
    private final double crossBusyFactor;
    /** What a step costs when its message is handled on the CPU that handled it last ({@link org.stacklab.sim.cost.WakePlacement#sameCpuFactor()}). */
    private final double sameCpuFactor;
    private final RandomGenerator placementStream;
    /** Which hump a wake-up onto an idle CPU falls in, by how long it was idle; null where the profile does not say. */
    private final HaltPolling haltPolling;
    private final RandomGenerator haltPollingStream;
    private final Workload workload;
    private final VisitListener listener;
    private final EventGrain grain;
    private final int stepHandler;
    private final int turnHandler;
    private final int arrivalHandler;
    private final RandomGenerator arrivals;
    /** How late a timer wakes a thread on an idle CPU, for an open loop's arrivals; null where on time. */
    private final StageSampler.VisitCost timerLateness;
    /** The CPU a timer's wake-up takes, ns (0 where the profile's timers are free). */
    private final long timerCpuNs;
    private final int timerHandler;

    private final Step[][] scriptSteps;
    private final int[] scriptNextProcess;
    private final int[] scriptNextScript;
    /** The bytes of the message a script moves. */
    private final int[] scriptBytes;
    private final Step[] switchSteps;
    // What each step costs (its stage in its context), looked up once.
    private final StageSampler.VisitCost[][] scriptCosts;
    private final StageSampler.VisitCost[] switchCosts;
    /** Per script, the quantile of its switch's distribution where the slow hump begins (with halt polling). */
    private final double[] switchSlowFrom;

    // Per process: state, inbox of (request slot, script) pairs, when it became runnable.
    private final int[] processState;
    private final IntQueue[] inbox;
    private final long[] runnableSince;
    /** The core whose process woke it last, or {@link CpuCores#NONE} (an arrival, a timer). */
    private final int[] wokenFrom;
    /** Per process: whether a late timer is still to wake it (its arrivals meanwhile wait in its inbox). */
    private final boolean[] timerPending;
    /** Per process: the CPU its timer's wake-up takes, owed by its next switch. */
    private final long[] timerOwedNs;

    // Per core: the process, request slot, script and step in hand, and when the step began.
    private final int[] coreProcess;
    private final int[] coreSlot;
    private final int[] coreScript;
    private final int[] coreStep;
    private final long[] coreStepStart;
    private final long[] coreStepService;
    /** Whether the message in hand was handled on this core last: its steps find a warm cache. */
    private final boolean[] coreWarm;
    /** Whether the message in hand rides in its event loop's last read and write (only its bytes cost). */
    private final boolean[] coreRides;
    /** The bytes of the event loop's read the message in hand belongs to, with it. */
    private final int[] coreReadBytes;
    /** When each core last fell idle (a core that never ran is idle since the start). */
    private final long[] coreIdleSince;

    // Per request slot: the request's id, creation time, when its message was last delivered, its replica,
    // its connection and that connection's thread in the replica's apps; free slots are reused.
    private long[] slotRequest = new long[16];
    private long[] slotStart = new long[16];
    private long[] slotDelivered = new long[16];
    private int[] slotReplica = new int[16];
    private int[] slotConnection = new int[16];
    private int[] slotThread = new int[16];
    private int[] slotCore = new int[16];
    private final IntQueue freeSlots = new IntQueue();
    private int slotsUsed;

    private final int clientProcess;
    private final int replicas;
    private final int processesPerReplica;
    /** Threads an app runs in each replica: one a connection (the replica's share of them). */
    private final int threadsPerApp;
    /** Per process of the program: whether it runs a thread per connection (blocking reads) or one for all. */
    private final boolean[] threadPerConnection;
    /** Per replica: the open loop's next connection, round robin. */
    private final int[] nextOpenLoopThread;
    private long created;
    private long completed;

    // A stream's connections: messages written and not yet read, and whether the writer waits for room.
    private final int streamWindow;
    private final int[] unread;
    private final boolean[] waitingForRoom;

    public StackModel(PathProgram program, CostProfile profile, Workload workload, int cpus, long seed,
                      VisitListener listener) {
        this(program, profile, workload, cpus, CpuPlacement.SCHEDULER, 1, EventGrain.STAGE, seed, listener);
    }

    /**
     * A model of {@code replicas} copies of the program's topology on one node of {@code cpus} cores.
     *
     * @param grain what one event stands for: a stage, for traces and step-through, or a process's turn, for totals
     * @throws IllegalArgumentException if {@code replicas} is below 1
     */
    public StackModel(PathProgram program, CostProfile profile, Workload workload, int cpus, CpuPlacement placement,
                      int replicas, EventGrain grain, long seed, VisitListener listener) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, not " + replicas);
        }
        this.replicas = replicas;
        int threads = Math.max(1, (Math.max(1, workload.connections()) + replicas - 1) / replicas);
        this.threadsPerApp = threads;
        // A task is a thread: task = (replica × processes + process) × threads + thread.
        RandomStreams streams = new RandomStreams(seed);
        // The scheduler orders runnable threads by virtual deadline (EEVDF), not by when they woke: for threads
        // alike in weight and work, an order the model cannot follow, so a core takes any of its waiters alike.
        // Against first-come first-served the same mean wait, a wider spread (validate --from, two runs' data:
        // the p90s under concurrency closer by a third to a half, the p50s a little further).
        RandomGenerator picks = streams.stream("cores:next-waiter");
        this.cores = new CpuCores(cpus, placement, task -> task / threads, picks::nextInt);
        this.sampler = new StageSampler(profile, streams);
        this.wakeups = new CorrelatedWakeups(profile.wakeupCorrelation(), streams.stream("wakeups:trip"));
        this.work = new CorrelatedWork(profile.workSpread(), streams.stream("work:trip"));
        this.wakeAffinity = placement == CpuPlacement.SCHEDULER ? profile.wakePlacement().affinity() : 0;
        this.busyCpuFactor = profile.wakePlacement().busyCpuFactor();
        Double crossBusy = profile.wakePlacement().crossBusyFactor();
        this.crossBusyFactor = crossBusy == null ? 0 : crossBusy;
        this.sameCpuFactor = profile.wakePlacement().sameCpuFactor();
        this.placementStream = streams.stream("wakeups:placement");
        this.haltPolling = profile.wakePlacement().haltPolling();
        this.haltPollingStream = streams.stream("wakeups:halt-polling");
        this.arrivals = streams.stream("arrivals");
        this.workload = workload;
        this.listener = listener;
        this.grain = grain;
        this.stepHandler = simulator.register(this::stepDone);
        this.turnHandler = simulator.register(this::turnDone);
        this.arrivalHandler = simulator.register(ignored -> arrive());
        this.timerHandler = simulator.register(this::timerFires);
        this.timerLateness = workload.pattern() == Workload.Pattern.OPEN_LOOP ? sampler.timerLateness() : null;
        this.timerCpuNs = timerLateness == null ? 0 : Math.round(profile.timers().cpuNs());

        List<Script> scripts = program.scripts();
        int count = scripts.size();
        scriptSteps = new Step[count][];
        scriptNextProcess = new int[count];
        scriptNextScript = new int[count];
        scriptBytes = new int[count];
        switchSteps = new Step[count];
        scriptCosts = new StageSampler.VisitCost[count][];
        switchCosts = new StageSampler.VisitCost[count];
        switchSlowFrom = new double[count];
        // A request's start wakes the client as a timer (an arrival) or a freed socket buffer (a stream's writer)
        // does: onto its idle CPU, as its reply's or its peer's read does, so at the cost of the request's last wake-up.
        String startWaking = scripts.stream().filter(Script::completesRequest).findFirst().orElseThrow().steps().get(0)
                .context();
        for (int i = 0; i < count; i++) {
            Script script = scripts.get(i);
            scriptSteps[i] = script.steps().toArray(new Step[0]);
            scriptNextProcess[i] = script.nextProcess();
            scriptNextScript[i] = script.nextScript();
            scriptBytes[i] = script.steps().stream().mapToInt(Step::bytes).max().orElse(0);
            Step first = scriptSteps[i][0];
            // A switch is part of the wake-up: it costs as the process's way of waiting does.
            String waiting = first.segment() == Segment.WAKEUP ? first.context() : i == PathProgram.START ? startWaking
                    : program.processes().get(script.process()).eventLoop() ? "epoll" : "read";
            switchSteps[i] = new Step(Stage.CTX_SWITCH, first.direction(), first.namespace(), null, 0, 0, Segment.WAKEUP,
                    waiting);
            scriptCosts[i] = new StageSampler.VisitCost[scriptSteps[i].length];
            for (int s = 0; s < scriptSteps[i].length; s++) {
                scriptCosts[i][s] = costOf(scriptSteps[i][s]);
            }
            switchCosts[i] = costOf(switchSteps[i]);
            switchSlowFrom[i] = haltPolling == null ? 1 : switchCosts[i].quantileOf(haltPolling.slowWakeNs());
        }
        processesPerReplica = program.processes().size();
        threadPerConnection = new boolean[processesPerReplica];
        for (int p = 0; p < processesPerReplica; p++) {
            threadPerConnection[p] = !program.processes().get(p).eventLoop();
        }
        nextOpenLoopThread = new int[replicas];
        int processes = processesPerReplica * threadsPerApp * replicas;
        processState = new int[processes];
        inbox = new IntQueue[processes];
        for (int p = 0; p < processes; p++) {
            inbox[p] = new IntQueue();
        }
        runnableSince = new long[processes];
        wokenFrom = new int[processes];
        timerPending = new boolean[processes];
        timerOwedNs = new long[processes];
        clientProcess = scripts.get(PathProgram.START).process();
        coreProcess = new int[cpus];
        coreSlot = new int[cpus];
        coreScript = new int[cpus];
        coreStep = new int[cpus];
        coreStepStart = new long[cpus];
        coreStepService = new long[cpus];
        coreWarm = new boolean[cpus];
        coreRides = new boolean[cpus];
        coreReadBytes = new int[cpus];
        coreIdleSince = new long[cpus];
        Arrays.fill(coreProcess, CpuCores.NONE);

        boolean stream = workload.pattern() == Workload.Pattern.STREAM;
        streamWindow = stream ? workload.streamWindow() : 0;
        unread = new int[stream ? workload.connections() : 0];
        waitingForRoom = new boolean[unread.length];
        if (workload.pattern() == Workload.Pattern.OPEN_LOOP) {
            simulator.schedule(0, arrivalHandler, 0);
        } else {
            long first = Math.min(workload.connections(), workload.requests());
            for (int c = 0; c < first; c++) {
                newRequest(c % replicas, c, CpuCores.NONE);
            }
        }
    }

    public Simulator simulator() {
        return simulator;
    }

    /** Runs until every request has completed. */
    public void run() {
        simulator.run();
    }

    /**
     * Fires one event.
     *
     * @return false if the run is over
     */
    public boolean step() {
        return simulator.step();
    }

    public long requestsCompleted() {
        return completed;
    }

    /** Requests created and not yet completed. */
    public long requestsInFlight() {
        return created - completed;
    }

    private void arrive() {
        int replica = replicas == 1 ? 0 : arrivals.nextInt(replicas);
        int thread = nextOpenLoopThread[replica];
        nextOpenLoopThread[replica] = (thread + 1) % threadsPerApp;
        int connection = thread * replicas + replica;
        if (timerLateness == null) {
            newRequest(replica, connection, CpuCores.NONE);
        } else {
            arriveByTimer(replica, connection);
        }
        if (created < workload.requests()) {
            double gapNs = -Math.log(1.0 - arrivals.nextDouble()) * 1e9 / workload.ratePerSecond();
            simulator.schedule(Math.round(gapNs), arrivalHandler, 0);
        }
    }

    /**
     * A request on a connection, for the client to start.
     *
     * @param wakerCore the core whose process makes the client send it, or {@link CpuCores#NONE}
     */
    private void newRequest(int replica, int connection, int wakerCore) {
        int slot = openRequest(replica, connection);
        deliver(taskOf(slot, clientProcess), slot, PathProgram.START, wakerCore);
    }

    /**
     * An open loop's request, written when its thread's timer wakes it: late if the thread sleeps and its timer's
     * CPU is idle, or with the late timer already pending for the thread; else now.
     */
    private void arriveByTimer(int replica, int connection) {
        int slot = openRequest(replica, connection);
        int task = taskOf(slot, clientProcess);
        boolean asleep = processState[task] == BLOCKED;
        if (!timerPending[task] && !(asleep && cores.idle(cores.timerCore(task)))) {
            if (asleep) {
                timerOwedNs[task] = timerCpuNs; // its timer wakes it, on time
            }
            deliver(task, slot, PathProgram.START, CpuCores.NONE);
            return;
        }
        enqueue(task, slot, PathProgram.START);
        if (!timerPending[task]) {
            timerPending[task] = true;
            simulator.schedule(timerLateness.sampleNs(), timerHandler, task);
        }
    }

    /** A late timer wakes its thread, unless something else woke it first and it took what waited. */
    private void timerFires(int task) {
        timerPending[task] = false;
        if (processState[task] == BLOCKED && !inbox[task].isEmpty()) {
            // Its wake-up began when its first request was due: the timer's lateness is part of it.
            timerOwedNs[task] = timerCpuNs;
            wake(task, slotDelivered[inbox[task].peek()], CpuCores.NONE, cores.timerCore(task));
        }
    }

    /** A request's slot, opened now on a connection, its round trip begun. */
    private int openRequest(int replica, int connection) {
        int slot = freeSlots.isEmpty() ? newSlot() : freeSlots.remove();
        slotRequest[slot] = created++;
        slotStart[slot] = simulator.now();
        slotReplica[slot] = replica;
        slotConnection[slot] = connection;
        slotThread[slot] = connection / replicas;
        slotCore[slot] = CpuCores.NONE; // a new message: in no CPU's cache yet
        if (streamWindow > 0) {
            unread[connection]++;
        }
        wakeups.tripBegins(slot);
        work.tripBegins(slot);
        return slot;
    }

    /** The task that runs a process's part of a request: its replica's, and its connection's thread if it has one. */
    private int taskOf(int slot, int process) {
        return (slotReplica[slot] * processesPerReplica + process) * threadsPerApp
                + (threadPerConnection[process] ? slotThread[slot] : 0);
    }

    /** A stream's message has been sent: the connection's next follows, if there is room for it. */
    private void streamSent(int slot, int core) {
        int connection = slotConnection[slot];
        if (created >= workload.requests()) {
            return;
        }
        if (unread[connection] < streamWindow) {
            newRequest(slotReplica[slot], connection, core);
        } else {
            waitingForRoom[connection] = true;
        }
    }

    private int newSlot() {
        if (slotsUsed == slotRequest.length) {
            slotRequest = Arrays.copyOf(slotRequest, slotsUsed * 2);
            slotStart = Arrays.copyOf(slotStart, slotsUsed * 2);
            slotDelivered = Arrays.copyOf(slotDelivered, slotsUsed * 2);
            slotReplica = Arrays.copyOf(slotReplica, slotsUsed * 2);
            slotConnection = Arrays.copyOf(slotConnection, slotsUsed * 2);
            slotThread = Arrays.copyOf(slotThread, slotsUsed * 2);
            slotCore = Arrays.copyOf(slotCore, slotsUsed * 2);
        }
        return slotsUsed++;
    }

    /**
     * A message for a process; a blocked one is woken. Under the scheduler's placement, as often as the profile's
     * affinity says, the wake-up looks for no idle CPU and goes to the waker's CPU or the wakee's last one, whichever
     * has less to run ({@link CpuCores#wakeAffine}: a waker about to sleep, nothing else in its inbox, not
     * counted); otherwise to an idle CPU if there is one, as the scheduler's search for an idle sibling does.
     *
     * @param wakerCore the core of the process that sent it, or {@link CpuCores#NONE} (an arrival)
     */
    private void deliver(int process, int slot, int script, int wakerCore) {
        enqueue(process, slot, script);
        if (processState[process] == BLOCKED) {
            wake(process, simulator.now(), wakerCore, CpuCores.NONE);
        }
    }

    private void enqueue(int process, int slot, int script) {
        slotDelivered[slot] = simulator.now();
        inbox[process].add(slot);
        inbox[process].add(script);
    }

    /**
     * A blocked process becomes runnable, as of {@code sinceNs}: onto a core, or into a run queue.
     *
     * @param awakeCore a core already awake for it (its timer's, which fired), whose switch costs as a busy CPU's;
     *                  or {@link CpuCores#NONE}
     */
    private void wake(int process, long sinceNs, int wakerCore, int awakeCore) {
        runnableSince[process] = sinceNs;
        wokenFrom[process] = wakerCore;
        int core;
        if (wakeAffinity > 0 && placementStream.nextDouble() < wakeAffinity) {
            core = cores.wakeAffine(process, wakerCore,
                    wakerCore != CpuCores.NONE && inbox[coreProcess[wakerCore]].isEmpty());
        } else {
            core = cores.wake(process);
        }
        if (core == CpuCores.NONE) {
            processState[process] = WAITING;
        } else {
            switchIn(process, core, core != awakeCore);
        }
    }

    /**
     * A woken process gets a core: it pays the switch (less, when the core was busy rather than idle and
     * woken for it), then works through its inbox.
     *
     * @param ontoIdleCore whether it woke an idle core, rather than taking a busy one's turn as it freed or running
     *                     on the core its timer woke
     */
    private void switchIn(int process, int core, boolean ontoIdleCore) {
        processState[process] = RUNNING;
        takeNextMessage(process, core);
        coreStep[core] = -1;
        long service = switchNs(process, core, ontoIdleCore) + timerOwedNs[process];
        timerOwedNs[process] = 0;
        if (grain == EventGrain.TURN) {
            // The switch's visit began when the process became runnable: its wait for the core is part of it.
            long now = simulator.now();
            listener.visit(slotRequest[coreSlot[core]], switchSteps[coreScript[core]], core, runnableSince[process],
                    now + service, service);
            playTurn(core, now + service);
            return;
        }
        startStep(core, service);
        coreStepStart[core] = runnableSince[process];
    }

    /**
     * What the switch onto a core costs. Onto an idle CPU, as the profile's switches say (with halt polling, from the
     * hump that how long it was idle makes likely). Onto a busy CPU, the idle one's times the busy-CPU factor (drawn
     * from the quick hump alone it predicted saved runs worse: the factor is fitted to the whole) — unless the
     * profile measured what a wake-up crossing from another CPU onto a busy one costs ({@link
     * org.stacklab.sim.cost.WakePlacement#crossBusyFactor()}), and this one did: then an idle CPU's that had not
     * halted (its quick hump), times that factor.
     */
    private long switchNs(int process, int core, boolean ontoIdleCore) {
        int script = coreScript[core];
        StageSampler.VisitCost cost = switchCosts[script];
        int slot = coreSlot[core];
        double slowFrom = switchSlowFrom[script];
        boolean oneHump = slowFrom <= 0 || slowFrom >= 1; // no halt polling, or a switch of one hump
        if (ontoIdleCore) {
            if (oneHump) {
                return wakeups.switchNs(cost, slot);
            }
            boolean slow = haltPollingStream.nextDouble() < haltPolling.slowShare(simulator.now() - coreIdleSince[core]);
            return slow ? wakeups.switchNs(cost, slot, slowFrom, 1) : wakeups.switchNs(cost, slot, 0, slowFrom);
        }
        int waker = wokenFrom[process];
        if (crossBusyFactor > 0 && waker != CpuCores.NONE && waker != core) {
            long ns = oneHump ? wakeups.switchNs(cost, slot) : wakeups.switchNs(cost, slot, 0, slowFrom);
            return Math.max(1, Math.round(ns * crossBusyFactor));
        }
        long ns = wakeups.switchNs(cost, slot);
        return busyCpuFactor == 1 ? ns : Math.round(ns * busyCpuFactor);
    }

    private void takeNextMessage(int process, int core) {
        coreProcess[core] = process;
        int slot = inbox[process].remove();
        coreSlot[core] = slot;
        coreScript[core] = inbox[process].remove();
        coreStep[core] = 0;
        coreWarm[core] = slotCore[slot] == core;
        slotCore[slot] = core;
        coreRides[core] = false;
        coreReadBytes[core] = scriptBytes[coreScript[core]];
    }

    /**
     * Whether the message just taken rides in the event loop's read of the one before it ({@code script} on
     * {@code connection}, in a read of {@code readBytes} so far), and the read's bytes counted with it if so.
     */
    private void rideAlong(int task, int core, int script, int connection, int readBytes) {
        int taken = coreScript[core];
        int together = readBytes + scriptBytes[taken];
        if (!threadPerConnection[task / threadsPerApp % processesPerReplica] && taken == script
                && slotConnection[coreSlot[core]] == connection && together <= ProcessSpec.EVENT_LOOP_READ_BYTES) {
            coreRides[core] = true;
            coreReadBytes[core] = together;
        }
    }

    private StageSampler.VisitCost costOf(Step step) {
        return sampler.cost(step.stage(), step.costContext(), step.bytes(), step.rules());
    }

    private void startStep(int core, long service) {
        coreStepStart[core] = simulator.now();
        coreStepService[core] = service;
        simulator.schedule(service, stepHandler, core);
    }

    private void startCurrentStep(int core) {
        startStep(core, serviceNs(core, coreScript[core], coreStep[core]));
    }

    /**
     * A stage's service time on a core: its draw, scaled by its round trip's work factor, less where the message is
     * warm in that core's cache.
     */
    private long serviceNs(int core, int script, int index) {
        StageSampler.VisitCost cost = scriptCosts[script][index];
        long service = coreRides[core] ? cost.bytesOnlyNs() : cost.sampleNs();
        double factor = work.factor(coreSlot[core]) * (coreWarm[core] && !coreRides[core] ? sameCpuFactor : 1);
        return factor == 1 ? service : Math.max(1, Math.round(service * factor));
    }

    /** Starts the turn of the message in hand on a core: its first stage, or all of them ({@link EventGrain}). */
    private void startTurn(int core) {
        if (grain == EventGrain.TURN) {
            playTurn(core, simulator.now());
        } else {
            startCurrentStep(core);
        }
    }

    /** Reports the turn's stages, back to back from {@code fromNs}, and schedules the turn's end. */
    private void playTurn(int core, long fromNs) {
        int script = coreScript[core];
        long request = slotRequest[coreSlot[core]];
        Step[] steps = scriptSteps[script];
        long at = fromNs;
        for (int index = 0; index < steps.length; index++) {
            long service = serviceNs(core, script, index);
            listener.visit(request, steps[index], core, at, at + service, service);
            at += service;
        }
        simulator.schedule(at - simulator.now(), turnHandler, core);
    }

    private void stepDone(int core) {
        int script = coreScript[core];
        int index = coreStep[core];
        int slot = coreSlot[core];
        Step step = index < 0 ? switchSteps[script] : scriptSteps[script][index];
        listener.visit(slotRequest[slot], step, core, coreStepStart[core], simulator.now(), coreStepService[core]);
        Step[] steps = scriptSteps[script];
        if (++index < steps.length) {
            coreStep[core] = index;
            startCurrentStep(core);
            return;
        }
        turnDone(core);
    }

    /** The message in hand has been handled: it goes on, and the core takes the process's next or another process. */
    private void turnDone(int core) {
        int script = coreScript[core];
        int slot = coreSlot[core];
        int process = coreProcess[core];
        if (scriptNextProcess[script] >= 0) {
            deliver(taskOf(slot, scriptNextProcess[script]), slot, scriptNextScript[script], core);
            if (streamWindow > 0 && script == PathProgram.START) {
                streamSent(slot, core);
            }
        } else {
            complete(slot, core);
        }
        if (!inbox[process].isEmpty()) {
            int readBytes = coreReadBytes[core];
            takeNextMessage(process, core);
            rideAlong(process, core, script, slotConnection[slot], readBytes);
            int waiting = coreSlot[core];
            if (slotDelivered[waiting] < simulator.now()) {
                listener.queued(slotRequest[waiting], scriptSteps[coreScript[core]][0], slotDelivered[waiting],
                        simulator.now());
            }
            startTurn(core);
            return;
        }
        processState[process] = BLOCKED;
        coreProcess[core] = CpuCores.NONE;
        int next = cores.release(core);
        if (next != CpuCores.NONE) {
            switchIn(next, core, false);
        } else {
            coreIdleSince[core] = simulator.now();
        }
    }

    private void complete(int slot, int core) {
        completed++;
        listener.completed(slotRequest[slot], slotStart[slot], simulator.now());
        freeSlots.add(slot);
        int replica = slotReplica[slot];
        int connection = slotConnection[slot];
        if (streamWindow > 0) {
            unread[connection]--;
            // As the kernel's sk_stream_write_space: a blocked writer is woken once a third of its buffer is free.
            if (waitingForRoom[connection] && unread[connection] <= streamWindow * 2 / 3
                    && created < workload.requests()) {
                waitingForRoom[connection] = false;
                newRequest(replica, connection, core);
            }
        } else if (workload.pattern() == Workload.Pattern.CLOSED_LOOP && created < workload.requests()) {
            newRequest(replica, connection, CpuCores.NONE);
        }
    }
}
