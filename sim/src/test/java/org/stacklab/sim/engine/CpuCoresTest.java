package org.stacklab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuCoresTest {

    @Test
    void tasksRunOnIdleCoresThenQueue() {
        CpuCores cores = new CpuCores(2);
        int a = cores.wake(0);
        int b = cores.wake(1);
        assertEquals(2, a + b + 1, "the two tasks take the two cores");
        assertEquals(CpuCores.NONE, cores.wake(2));
        assertEquals(1, cores.waiting());
        assertEquals(2, cores.release(a) + cores.release(b) + 1, "the waiter runs when a core frees");
        assertEquals(0, cores.waiting());
    }

    @Test
    void anIdleCoreTakesWorkFromAnotherCoresQueue() {
        CpuCores cores = new CpuCores(2);
        int first = cores.wake(0);
        int second = cores.wake(1);
        cores.wake(2);
        cores.wake(3);
        assertEquals(2, cores.waiting());
        cores.release(first);
        cores.release(second);
        assertEquals(0, cores.waiting(), "both cores took a waiter, whichever queue it was in");
    }

    @Test
    void aTaskPrefersTheCoreItLastRanOn() {
        CpuCores cores = new CpuCores(4);
        int core = cores.wake(5);
        cores.release(core);
        assertEquals(core, cores.wake(5));
    }

    @Test
    void anAffineWakeUpGoesToTheLessLoadedOfItsWakersCoreAndItsOwn() {
        CpuCores cores = new CpuCores(2);
        assertEquals(0, cores.wake(0));
        assertEquals(1, cores.wake(1));
        cores.release(1);
        assertEquals(CpuCores.NONE, cores.wakeAffine(2, CpuCores.NONE, false), "task 2 starts out on core 0: woken"
                + " by a timer it waits there, though core 1 is idle");
        assertEquals(1, cores.queued(0));
        assertEquals(1, cores.wakeAffine(3, 0, true), "task 3's own core is idle, its waker's has a waiter");
        assertEquals(CpuCores.NONE, cores.wakeAffine(5, 0, false), "the waker's core, busy and with a waiter,"
                + " has more to run than task 5's own: it waits on core 1");
        assertEquals(1, cores.queued(1));
        assertEquals(CpuCores.NONE, cores.wakeAffine(4, 1, false), "two to run on either core: a tie goes to the"
                + " waker's");
        assertEquals(2, cores.queued(1));
    }

    @Test
    void spreadKeepsEachTaskOnItsOwnCoreAndNoCoreTakesAnothersWaiters() {
        CpuCores cores = new CpuCores(2, CpuPlacement.SPREAD);
        assertEquals(0, cores.wake(0));
        assertEquals(CpuCores.NONE, cores.wake(2), "task 2 belongs to core 0, busy: it waits, though core 1 is idle");
        assertEquals(1, cores.wake(3));
        assertEquals(CpuCores.NONE, cores.release(1), "core 1 falls idle rather than take core 0's waiter");
        assertEquals(2, cores.release(0), "core 0 runs its own waiter");
        assertEquals(0, cores.waiting());
    }

    @Test
    void aSleepingTasksTimerIsOnTheCoreItLastRanOnOrIsKeptOn() {
        CpuCores cores = new CpuCores(2);
        int last = cores.wake(5);
        cores.release(last);
        assertEquals(last, cores.timerCore(5));
        assertTrue(cores.idle(last), "nothing runs anywhere");
        assertEquals(last, cores.wake(7), "a new task 7 starts where task 5 ran (both odd: core 1)");
        assertFalse(cores.idle(cores.timerCore(5)), "its timer's core is busy, though the other core is idle");

        CpuCores spread = new CpuCores(2, CpuPlacement.SPREAD);
        spread.wake(1);
        assertEquals(0, spread.timerCore(2), "task 2 is kept on core 0");
        assertEquals(1, spread.timerCore(3), "task 3 on core 1, whatever it last ran on");
        assertFalse(spread.idle(1));
    }

    @Test
    void sameCpuPutsEveryTaskOnTheFirstCore() {
        CpuCores cores = new CpuCores(2, CpuPlacement.SAME_CPU);
        assertEquals(0, cores.wake(1));
        assertEquals(CpuCores.NONE, cores.wake(0));
        assertEquals(0, cores.release(0), "the other task runs there next");
    }

    @Test
    void aCoreRunsTheWaiterItsPickNames() {
        CpuCores oldestFirst = new CpuCores(1);
        CpuCores newestFirst = new CpuCores(1, CpuPlacement.SCHEDULER, task -> task, waiting -> waiting - 1);
        for (CpuCores cores : new CpuCores[] {oldestFirst, newestFirst}) {
            for (int task = 0; task < 4; task++) {
                cores.wake(task);
            }
        }
        assertEquals(1, oldestFirst.release(0), "by default the oldest of tasks 1, 2, 3");
        assertEquals(3, newestFirst.release(0));
        assertEquals(2, newestFirst.release(0), "the pick is asked again of the two left");
        assertEquals(1, newestFirst.release(0), "the last waiter runs without a pick");
    }

    @Test
    void placementsReadAsFilesWriteThem() {
        assertEquals(CpuPlacement.SAME_CPU, CpuPlacement.parse("same-cpu"));
        assertEquals("spread", CpuPlacement.SPREAD.toString());
        assertEquals(1, CpuPlacement.SPREAD.coreOf(3, 2));
        assertEquals(CpuCores.NONE, CpuPlacement.SCHEDULER.coreOf(3, 2));
    }
}
