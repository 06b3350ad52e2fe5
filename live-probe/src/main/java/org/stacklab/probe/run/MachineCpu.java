package org.stacklab.probe.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time, from {@code /proc/stat}: what a workload cost every process and the kernel
 * together (the apps, the proxies, softirqs, and the path probe's own programs when it watches), as a CPU
 * per gigabyte has to count it, and how much of the time the host took for others (steal): on a VM whose
 * host is loaded, a busy vCPU waits for its physical CPU, which no model of the guest can predict.
 *
 * @param busyNs   user, nice, system, irq, softirq and steal (the host's time taken from the VM, which the
 *                 workload waited through); idle and iowait excluded
 * @param stolenNs steal alone
 * @param allNs    every state, idle included: the CPUs' time
 */
public record MachineCpu(long busyNs, long stolenNs, long allNs) {

    private static final Path STAT = Path.of("/proc/stat");
    /** {@code /proc/stat} counts in USER_HZ, 100 a second on every Linux architecture the lab runs on. */
    private static final long NS_PER_TICK = 10_000_000L;
    /** Fields of the line {@code cpu}: user 1, nice 2, system 3, idle 4, iowait 5, irq 6, softirq 7, steal 8. */
    private static final int STEAL = 8;
    private static final int STATES = 8;
    private static final int[] BUSY = {1, 2, 3, 6, 7, STEAL};

    /** The time since boot, or null if {@code /proc/stat} cannot be read. */
    public static MachineCpu sinceBoot() {
        try {
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : BUSY) {
                busy += Long.parseLong(fields[i]);
            }
            long all = 0;
            for (int i = 1; i <= STATES; i++) {
                all += Long.parseLong(fields[i]);
            }
            return new MachineCpu(busy * NS_PER_TICK, Long.parseLong(fields[STEAL]) * NS_PER_TICK, all * NS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The time from {@code before} to this. */
    public MachineCpu since(MachineCpu before) {
        return new MachineCpu(busyNs - before.busyNs, stolenNs - before.stolenNs, allNs - before.allNs);
    }

    MachineCpu plus(MachineCpu other) {
        return new MachineCpu(busyNs + other.busyNs, stolenNs + other.stolenNs, allNs + other.allNs);
    }

    /** The share of the CPUs' time the host took, 0 to 1 (0 over no time). */
    public double stolenShare() {
        return allNs <= 0 ? 0 : Math.min(1, Math.max(0, (double) stolenNs / allNs));
    }
}
