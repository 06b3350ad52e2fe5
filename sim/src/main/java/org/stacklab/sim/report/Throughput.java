package org.stacklab.sim.report;

import org.stacklab.sim.workload.Workload;

/**
 * How much a run moved and what a byte cost, whatever the latency: the figures of bulk transfer (as
 * iperf3 or netperf's TCP_STREAM report them), modelled and measured alike.
 *
 * @param requestsPerSecond     requests (a stream's messages) completed per second
 * @param gbitPerSecond         the apps' bytes moved per second ({@link Workload#bytesPerRequest()}), Gbit/s
 * @param cpuSecondsPerGigabyte CPU time, all of it, per gigabyte (10⁹ bytes) moved
 */
public record Throughput(double requestsPerSecond, double gbitPerSecond, double cpuSecondsPerGigabyte) {

    /** From the rate and the CPU a request costs (µs, every process and the kernel together). */
    public static Throughput of(double requestsPerSecond, double cpuUsPerRequest, Workload workload) {
        double bytes = workload.bytesPerRequest();
        return new Throughput(RunReport.round(requestsPerSecond),
                RunReport.round(requestsPerSecond * bytes * 8 / 1e9),
                RunReport.round(cpuUsPerRequest / 1e6 * (1e9 / bytes)));
    }

    /** CPUs kept busy: CPU seconds per gigabyte times gigabytes per second. */
    public double cpusBusy() {
        return cpuSecondsPerGigabyte * gbitPerSecond / 8;
    }
}
