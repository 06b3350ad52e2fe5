package org.stacklab.sim.engine;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * CPU cores with a run queue each, as the scheduler keeps them: a task made runnable starts at
 * once on an idle core (its last one if that is idle), otherwise it waits in the shortest run
 * queue; a core that falls idle with an empty queue takes the oldest waiter of the longest other
 * queue, as load balancing does. Under a {@link CpuPlacement} that keeps tasks on cores, a task runs
 * on its core only, waiting for it when busy, and no core takes another's waiters. Tasks run until
 * they block; there is no preemption. Which of a queue's waiters runs next is the caller's
 * {@code nextWaiter}: the oldest by default, as queueing theory's first-come first-served.
 *
 * <p>Tasks are small integers chosen by the caller: threads, each of a process ({@code processOf}), which a
 * placement keeps together as {@code taskset} pins a process. The order of every decision is fixed, so
 * the same calls give the same placements.
 */
public final class CpuCores {

    /** Returned when a task has to wait, or a core has nothing to run. */
    public static final int NONE = -1;

    private final int[] running;
    private final IntQueue[] runQueues;
    private final CpuPlacement placement;
    private final IntUnaryOperator processOf;
    private final IntUnaryOperator nextWaiter;
    private int[] lastCore = new int[0];

    public CpuCores(int cores) {
        this(cores, CpuPlacement.SCHEDULER);
    }

    /** Cores whose every task is a process of its own. */
    public CpuCores(int cores, CpuPlacement placement) {
        this(cores, placement, IntUnaryOperator.identity());
    }

    /** Cores whose run queues are served oldest first. */
    public CpuCores(int cores, CpuPlacement placement, IntUnaryOperator processOf) {
        this(cores, placement, processOf, waiting -> 0);
    }

    /**
     * @param processOf  the process a task (a thread) belongs to
     * @param nextWaiter of a run queue of so many waiters (two or more), the place of the one that runs next
     *                   (0 the oldest)
     */
    public CpuCores(int cores, CpuPlacement placement, IntUnaryOperator processOf, IntUnaryOperator nextWaiter) {
        this.placement = placement;
        this.processOf = processOf;
        this.nextWaiter = nextWaiter;
        if (cores < 1) {
            throw new IllegalArgumentException("at least one core is needed, not " + cores);
        }
        running = new int[cores];
        Arrays.fill(running, NONE);
        runQueues = new IntQueue[cores];
        for (int i = 0; i < cores; i++) {
            runQueues[i] = new IntQueue();
        }
    }

    public int cores() {
        return running.length;
    }

    /** How many tasks wait for one core. */
    public int queued(int core) {
        return runQueues[core].size();
    }

    /** How many tasks wait in all run queues. */
    public int waiting() {
        int waiting = 0;
        for (IntQueue queue : runQueues) {
            waiting += queue.size();
        }
        return waiting;
    }

    /**
     * The core a sleeping task's timer fires on: the one the placement keeps it on, else the one it last ran on
     * (a timer is queued on the CPU that armed it).
     */
    public int timerCore(int task) {
        int kept = placement.coreOf(processOf.applyAsInt(task), running.length);
        return kept != NONE ? kept : lastCore(task);
    }

    /** Whether a core runs nothing (on a VM, a halted vCPU, which the host wakes late). */
    public boolean idle(int core) {
        return running[core] == NONE;
    }

    /**
     * Makes a task runnable.
     *
     * @return the core it now runs on, or {@link #NONE} if it waits in a run queue
     */
    public int wake(int task) {
        int kept = placement.coreOf(processOf.applyAsInt(task), running.length);
        if (kept != NONE) {
            if (running[kept] == NONE) {
                run(task, kept);
                return kept;
            }
            runQueues[kept].add(task);
            return NONE;
        }
        int preferred = lastCore(task);
        int chosen = running[preferred] == NONE ? preferred : firstIdle();
        if (chosen != NONE) {
            run(task, chosen);
            return chosen;
        }
        int shortest = preferred;
        for (int core = 0; core < running.length; core++) {
            if (runQueues[core].size() < runQueues[shortest].size()) {
                shortest = core;
            }
        }
        runQueues[shortest].add(task);
        return NONE;
    }

    /**
     * Makes a task runnable on a given core, as a wake-up the scheduler puts beside its waker: it runs
     * there at once if the core is idle, else waits for it (another core falling idle may still take it,
     * under the scheduler's placement). A placement that keeps the task on a core of its own wins.
     *
     * @return the core it now runs on, or {@link #NONE} if it waits
     */
    public int wakeOn(int task, int core) {
        if (placement.coreOf(processOf.applyAsInt(task), running.length) != NONE) {
            return wake(task);
        }
        if (running[core] == NONE) {
            run(task, core);
            return core;
        }
        runQueues[core].add(task);
        return NONE;
    }

    /**
     * Makes a task runnable where the scheduler puts a wake-up when it finds no idle CPU to move it to (on a VM a
     * halted vCPU is reported preempted and passed over): on the waker's core or on the one the task last ran on,
     * whichever has less to run — the waker not counted if it is about to sleep (a sync wake-up), a tie going to
     * the waker's. It runs there at once if that core is idle, else waits for it, as {@link #wakeOn}. So a pair
     * of tasks that wake each other, once on one core, stays there.
     *
     * @param wakerCore   the waker's core, or {@link #NONE} (a timer or an arrival: the task's last core)
     * @param wakerSleeps whether the waker blocks next
     * @return the core it now runs on, or {@link #NONE} if it waits
     */
    public int wakeAffine(int task, int wakerCore, boolean wakerSleeps) {
        int previous = lastCore(task);
        if (wakerCore == NONE || wakerCore == previous) {
            return wakeOn(task, previous);
        }
        int wakerLoad = runQueues[wakerCore].size() + (wakerSleeps ? 0 : 1);
        int previousLoad = runQueues[previous].size() + (running[previous] == NONE ? 0 : 1);
        return wakeOn(task, wakerLoad <= previousLoad ? wakerCore : previous);
    }

    /**
     * The task on {@code core} blocked or finished.
     *
     * @return the task that now runs on the core, or {@link #NONE} if it falls idle
     */
    public int release(int core) {
        if (running[core] == NONE) {
            throw new IllegalStateException("core " + core + " runs nothing");
        }
        running[core] = NONE;
        IntQueue source = runQueues[core];
        if (source.isEmpty() && placement == CpuPlacement.SCHEDULER) {
            for (IntQueue queue : runQueues) {
                if (queue.size() > source.size()) {
                    source = queue;
                }
            }
        }
        if (source.isEmpty()) {
            return NONE;
        }
        int next = source.size() == 1 ? source.remove() : source.removeAt(nextWaiter.applyAsInt(source.size()));
        run(next, core);
        return next;
    }

    private int firstIdle() {
        for (int core = 0; core < running.length; core++) {
            if (running[core] == NONE) {
                return core;
            }
        }
        return NONE;
    }

    private void run(int task, int core) {
        running[core] = task;
        lastCore(task);
        lastCore[task] = core;
    }

    private int lastCore(int task) {
        if (task >= lastCore.length) {
            int old = lastCore.length;
            lastCore = Arrays.copyOf(lastCore, Math.max(task + 1, old * 2));
            for (int t = old; t < lastCore.length; t++) {
                lastCore[t] = processOf.applyAsInt(t) % running.length; // spread new processes over the cores
            }
        }
        return lastCore[task];
    }
}
