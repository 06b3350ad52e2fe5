package org.stacklab.probe.run;

import org.stacklab.sim.report.RunReport;

/**
 * One mode measured on this machine, beside the simulator's prediction for the same workload.
 *
 * @param mode               the mode
 * @param roundTrips         round trips measured
 * @param latencyUs          round-trip latency measured by the workload driver
 * @param sockperfP50Us      sockperf's round trip on the same path (2 × its half round trip), or 0 if not run
 * @param measured           stack crossings per round trip counted in the kernel, or null without the path probe
 * @param predicted          the simulator's crossings for the same mode and workload
 * @param simulatedLatencyUs the simulator's latency for the same mode and workload
 * @param droppedEvents      path-probe events lost to a full ring buffer
 */
public record LiveMeasurement(String mode, long roundTrips, RunReport.Latency latencyUs, double sockperfP50Us,
                              Traversals measured, Traversals predicted, RunReport.Latency simulatedLatencyUs,
                              long droppedEvents) {
}
