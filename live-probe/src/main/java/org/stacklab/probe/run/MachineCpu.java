package org.stacklab.probe.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's busy CPU time, from {@code /proc/stat}: what a workload cost every process and the
 * kernel together (the apps, the proxies, softirqs, and the path probe's own programs when it watches),
 * as a CPU per gigabyte has to count it.
 */
final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");
    /** {@code /proc/stat} counts in USER_HZ, 100 a second on every Linux architecture the lab runs on. */
    private static final long NS_PER_TICK = 10_000_000L;

    private MachineCpu() {
    }

    /**
     * Busy time of all CPUs since boot, ns: user, nice, system, irq, softirq and steal (the host's
     * time taken from the VM, which the workload waited through); idle and iowait excluded.
     *
     * @return the time, or -1 if {@code /proc/stat} cannot be read
     */
    static long busyNs() {
        try {
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(fields[i]);
            }
            return ticks * NS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
