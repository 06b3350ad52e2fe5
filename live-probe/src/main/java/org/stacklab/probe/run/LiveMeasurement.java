package org.stacklab.probe.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.trace.StageVisit;
import org.stacklab.sim.report.RunReport;

/**
 * One mode measured on this machine, beside the simulator's prediction for the same workload.
 *
 * @param mode               the mode
 * @param roundTrips         round trips measured
 * @param messageBytes       bytes of each request and of each response (the driver echoes), or 0 in
 *                           recordings older than this field: then the scenario's request size
 * @param latencyUs          round-trip latency measured by the workload driver
 * @param sockperfP50Us      sockperf's round trip on the same path (2 × its half round trip), or 0 if not run
 * @param measured           stack crossings per round trip counted in the kernel, or null without the path probe
 * @param predicted          the simulator's crossings for the same mode and workload
 * @param simulatedLatencyUs the simulator's latency for the same mode and workload
 * @param measuredSegmentsUs time per round trip in each {@link org.stacklab.sim.stack.Segment}, from the
 *                           kernel's timestamps, or null without the path probe
 * @param simulatedSegmentsUs the simulator's time per round trip in each segment
 * @param timedRoundTrips    round trips whose segments the probe could follow from start to end
 * @param droppedEvents      path-probe events lost to a full ring buffer
 * @param wakeupsNs          wake-ups (sk_data_ready to the read's return) of up to 10,000 round trips, in ns,
 *                           by their position in the round trip (the i-th array holds every trip's i-th
 *                           wake-up), or null without the path probe
 * @param trace              the path trace of the first round trips, from the kernel's timestamps: each
 *                           visit lasts from its stage's observed point to the next observed point
 * @param wakeupsOnWakersCpu the share of wake-ups (0 to 1) whose reader returned on the CPU that woke
 *                           it rather than on another: a wake-up across CPUs costs an inter-processor
 *                           interrupt and a cold cache; null without the path probe or in older recordings
 */
public record LiveMeasurement(@JsonProperty(required = true) String mode,
                              @JsonProperty(required = true) long roundTrips,
                              int messageBytes,
                              @JsonProperty(required = true) RunReport.Latency latencyUs,
                              double sockperfP50Us,
                              Traversals measured,
                              @JsonProperty(required = true) Traversals predicted,
                              @JsonProperty(required = true) RunReport.Latency simulatedLatencyUs,
                              Map<String, Double> measuredSegmentsUs,
                              @JsonProperty(required = true) Map<String, Double> simulatedSegmentsUs,
                              long timedRoundTrips,
                              long droppedEvents,
                              List<List<Long>> wakeupsNs,
                              @JsonProperty(required = true) List<StageVisit> trace,
                              Double wakeupsOnWakersCpu) {
}
