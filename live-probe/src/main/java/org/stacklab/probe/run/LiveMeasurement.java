package org.stacklab.probe.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.Crossings;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.report.SegmentTimes;
import org.stacklab.sim.report.Throughput;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.trace.StageVisit;
import org.stacklab.sim.workload.Workload;

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
 * @param workload           the workload the driver ran ({@code requests}: the round trips measured), or null
 *                           in recordings older than this field: then a ping-pong of {@code messageBytes}
 * @param driverCpuUs        the workload driver's client's own CPU per request, µs (to show it was not the
 *                           bottleneck), or null in older recordings
 * @param placement          where the lab's processes ran, or null in older recordings (as chosen then: see
 *                           the recording's file name and notes)
 * @param messagesCrossWhole whether the counts can be held to the model's, which moves each message as one
 *                           ({@link #messagesCrossWhole(Workload, Mode)}); null in older recordings: they could
 * @param throughput         requests per second from the driver's elapsed time, the apps' Gbit/s, and the
 *                           whole machine's CPU per GB ({@code /proc/stat}, the path probe's own programs
 *                           included when it watched); null in older recordings
 * @param simulatedThroughput the simulator's for the same mode and workload; null in older recordings
 * @param wakeupsOntoIdleCpus the share of wake-ups (0 to 1) whose reader's CPU ran its idle task as it was
 *                           woken (on a VM a halted vCPU: an interrupt and a hypervisor exit), as the probe
 *                           follows sched_switch; null without the path probe or in older recordings
 * @param lateWritesUs       an open loop's: how late after its intended time each request's write began, as
 *                           the driver's own timers woke it (its latency counts from the intended time, so
 *                           this part of it is the driver's, not the data path's); null for other workloads
 *                           and in older recordings
 * @param hostStolenShare    the share of the CPUs' time (0 to 1) the host took for others while the workload ran
 *                           (steal, {@code /proc/stat}): a vCPU with work waited that long for its physical CPU,
 *                           which no model of the guest predicts; null where unknown and in older recordings
 *
 * <p>Segments, wake-ups and the trace need one message in flight at a time (one connection, closed
 * loop): with more, the probe cannot tell whose trip an event is, and counts crossings only.
 */
public record LiveMeasurement(@JsonProperty(required = true) String mode,
                              @JsonProperty(required = true) long roundTrips,
                              int messageBytes,
                              @JsonProperty(required = true) RunReport.Latency latencyUs,
                              double sockperfP50Us,
                              Crossings measured,
                              @JsonProperty(required = true) Crossings predicted,
                              @JsonProperty(required = true) RunReport.Latency simulatedLatencyUs,
                              SegmentTimes measuredSegmentsUs,
                              @JsonProperty(required = true) SegmentTimes simulatedSegmentsUs,
                              long timedRoundTrips,
                              long droppedEvents,
                              List<List<Long>> wakeupsNs,
                              @JsonProperty(required = true) List<StageVisit> trace,
                              Double wakeupsOnWakersCpu,
                              Workload workload,
                              Double driverCpuUs,
                              CpuPlacement placement,
                              Boolean messagesCrossWhole,
                              Throughput throughput,
                              Throughput simulatedThroughput,
                              Double wakeupsOntoIdleCpus,
                              RunReport.Latency lateWritesUs,
                              Double hostStolenShare) {

    /** No round trip of the lab takes ten seconds: a larger time is a damaged file, not a measurement. */
    static final double MAX_US = 1e7;

    /** Checks that a recording's numbers are what a probe could have measured: finite, not negative, bounded. */
    public LiveMeasurement {
        InvalidValue.require(mode != null && !mode.isBlank(), "mode", "a measurement needs its mode");
        InvalidValue.require(roundTrips >= 1, "roundTrips", "roundTrips must be at least 1, not " + roundTrips);
        InvalidValue.require(messageBytes >= 0 && messageBytes <= Workload.MAX_BYTES, "messageBytes",
                "messageBytes must be from 0 to " + Workload.MAX_BYTES + ", not " + messageBytes);
        checkLatency(latencyUs, "latencyUs");
        checkLatency(simulatedLatencyUs, "simulatedLatencyUs");
        if (lateWritesUs != null) {
            checkLatency(lateWritesUs, "lateWritesUs");
        }
        InvalidValue.requireWithin(sockperfP50Us, 0, MAX_US, "sockperfP50Us");
        checkCrossings(measured, "measured");
        checkCrossings(predicted, "predicted");
        InvalidValue.require(timedRoundTrips >= 0 && timedRoundTrips <= roundTrips, "timedRoundTrips",
                "timedRoundTrips must be from 0 to roundTrips (" + roundTrips + "), not " + timedRoundTrips);
        InvalidValue.require(droppedEvents >= 0, "droppedEvents", "droppedEvents must not be negative, not "
                + droppedEvents);
        if (wakeupsNs != null) {
            for (int i = 0; i < wakeupsNs.size(); i++) {
                List<Long> position = wakeupsNs.get(i);
                InvalidValue.require(position != null, "wakeupsNs[" + i + "]", "wakeupsNs holds lists of times");
                for (int j = 0; j < position.size(); j++) {
                    Long ns = position.get(j);
                    InvalidValue.require(ns != null && ns >= 0 && ns <= MAX_US * 1000, "wakeupsNs[" + i + "][" + j + "]",
                            "a wake-up takes from 0 to " + (long) (MAX_US * 1000) + " ns, not " + ns);
                }
            }
        }
        for (int i = 0; i < trace.size(); i++) {
            StageVisit visit = trace.get(i);
            InvalidValue.require(visit != null, "trace[" + i + "]", "a visit cannot be empty");
            InvalidValue.require(visit.stage() != null, "trace[" + i + "].stage", "is required but missing");
            InvalidValue.require(visit.direction() != null, "trace[" + i + "].direction", "is required but missing");
            InvalidValue.require(visit.namespace() != null, "trace[" + i + "].namespace", "is required but missing");
            InvalidValue.require(visit.request() >= 0, "trace[" + i + "].request", "must not be negative");
            InvalidValue.require(visit.enterNs() >= 0 && visit.exitNs() >= visit.enterNs(), "trace[" + i + "]",
                    "a visit's enterNs must be >= 0 and its exitNs not before it");
            InvalidValue.require(visit.bytes() >= 0 && visit.cpu() >= 0, "trace[" + i + "]",
                    "a visit's bytes and cpu must not be negative");
        }
        InvalidValue.require(wakeupsOnWakersCpu == null || wakeupsOnWakersCpu >= 0 && wakeupsOnWakersCpu <= 1,
                "wakeupsOnWakersCpu", "wakeupsOnWakersCpu is a share from 0 to 1, not " + wakeupsOnWakersCpu);
        InvalidValue.require(wakeupsOntoIdleCpus == null || wakeupsOntoIdleCpus >= 0 && wakeupsOntoIdleCpus <= 1,
                "wakeupsOntoIdleCpus", "wakeupsOntoIdleCpus is a share from 0 to 1, not " + wakeupsOntoIdleCpus);
        InvalidValue.require(workload == null || workload.requests() == roundTrips, "workload.requests",
                "the workload's requests are the round trips measured (" + roundTrips + "), not "
                        + (workload == null ? 0 : workload.requests()));
        InvalidValue.requireWithin(driverCpuUs == null ? 0 : driverCpuUs, 0, MAX_US, "driverCpuUs");
        InvalidValue.require(hostStolenShare == null || hostStolenShare >= 0 && hostStolenShare <= 1,
                "hostStolenShare", "hostStolenShare is a share from 0 to 1, not " + hostStolenShare);
    }

    /**
     * What the probe measured of one mode at one message size, before the model is set beside it; the
     * fields are {@link LiveMeasurement}'s of the same names (crossings: {@code measured}).
     */
    public record Measured(String mode, Workload workload, CpuPlacement placement, RunReport.Latency latencyUs,
                           double sockperfP50Us, Crossings crossings, SegmentTimes segmentsUs, long timedRoundTrips,
                           long droppedEvents, List<List<Long>> wakeupsNs, List<StageVisit> trace,
                           Double wakeupsOnWakersCpu, Double wakeupsOntoIdleCpus, double driverCpuUs,
                           Throughput throughput, RunReport.Latency lateWritesUs, Double hostStolenShare) {
    }

    /**
     * A measurement beside the model's prediction for the same mode, workload and CPU placement, simulated
     * here: the one place where what was measured is paired with what the model says of it.
     */
    public static LiveMeasurement beside(Measured m, LoadedScenario scenario, Mode mode) {
        LoadedScenario same = new LoadedScenario(scenario.scenario().withWorkload(m.workload())
                .withPlacement(m.placement()), scenario.source(), scenario.profile(), scenario.modes());
        RunReport model = ModeRun.simulate(same, mode, 0).report();
        return new LiveMeasurement(m.mode(), m.workload().requests(), m.workload().requestBytes(), m.latencyUs(),
                m.sockperfP50Us(), m.crossings(), model.crossingsPerRequest(), model.latencyUs(), m.segmentsUs(),
                model.segmentsUsPerRequest(), m.timedRoundTrips(), m.droppedEvents(), m.wakeupsNs(), m.trace(),
                m.wakeupsOnWakersCpu(), m.workload(), m.driverCpuUs(), m.placement(),
                messagesCrossWhole(m.workload(), mode), m.throughput(), model.throughput(), m.wakeupsOntoIdleCpus(),
                m.lateWritesUs(), m.hostStolenShare());
    }

    /**
     * The share of steal above which a measurement says as much about the host's other tenants as about the lab:
     * on this VM kind an idle machine loses well under 1 %, one under load from 1 to over 30 % from second to second.
     */
    public static final double MUCH_STOLEN = 0.05;

    /** Whether the host took more than {@link #MUCH_STOLEN} of the CPUs' time while this was measured. */
    public boolean hostTookMuch() {
        return hostStolenShare != null && hostStolenShare > MUCH_STOLEN;
    }

    /** The largest message whose packets the probe tells from ACKs by their length: no segmentation below it. */
    public static final int LARGEST_WHOLE_MESSAGE = 16 << 10;

    /**
     * Whether every message of a workload crosses each hop as one, as the model moves it: the apps write
     * each message in one piece, but a proxy forwards what it has read, so a message that reaches it in
     * pieces (several connections at once, or a large one) leaves in pieces, and pipelined ones leave
     * merged (measured: the sidecar with {@code bulk}'s 8 connections made 6.42 trips through TCP/IP per
     * request for its 6 messages; pipelined open loop, 4.2). So: at most {@value #LARGEST_WHOLE_MESSAGE}
     * bytes, and through proxies one connection with one message in flight. A stream's messages never do:
     * TCP cuts the stream into segments of its own (measured, 16 KiB direct: 1.75 veth packets a message).
     */
    public static boolean messagesCrossWhole(Workload w, Mode mode) {
        boolean proxied = mode.topology().processes().stream().anyMatch(p -> p.role() == Role.PROXY);
        boolean oneInFlight = w.pattern() == Workload.Pattern.CLOSED_LOOP && w.connections() == 1;
        return w.pattern() != Workload.Pattern.STREAM
                && Math.max(w.requestBytes(), w.responseBytes()) <= LARGEST_WHOLE_MESSAGE && (!proxied || oneInFlight);
    }

    /** Whether the kernel's counts are the model's: where they can be held to them ({@link #messagesCrossWhole}). */
    public boolean countsAgree() {
        return measured != null && (messagesCrossWhole == null || messagesCrossWhole) && measured.agreesWith(predicted);
    }

    /** Each measurement beside its prediction. */
    public static List<LiveMeasurement> beside(List<Measured> measured, LoadedScenario scenario, Mode mode) {
        return measured.stream().map(m -> beside(m, scenario, mode)).toList();
    }

    /**
     * The workload this measurement ran, for the model to run beside it; a recording older than
     * {@code workload} ran a ping-pong of {@code messageBytes} (older still, of the scenario's request size).
     */
    public Workload workload(Workload scenarios) {
        return workload != null ? workload
                : Workload.pingPong(roundTrips, messageBytes > 0 ? messageBytes : scenarios.requestBytes());
    }

    private static void checkLatency(RunReport.Latency latency, String field) {
        InvalidValue.require(latency != null, field, "is required but missing");
        double[] values = {latency.p50(), latency.p90(), latency.p99(), latency.p999(), latency.max(), latency.mean()};
        String[] names = {"p50", "p90", "p99", "p999", "max", "mean"};
        for (int i = 0; i < values.length; i++) {
            InvalidValue.requireWithin(values[i], 0, MAX_US, field + "." + names[i]);
        }
        InvalidValue.require(latency.p50() <= latency.p90() && latency.p90() <= latency.p99(), field,
                "percentiles must not fall: p50 " + latency.p50() + ", p90 " + latency.p90() + ", p99 " + latency.p99());
    }

    private static void checkCrossings(Crossings crossings, String field) {
        if (crossings == null) {
            return;
        }
        InvalidValue.requireWithin(crossings.tcpIp(), 0, 1000, field + ".tcpIp");
        InvalidValue.requireWithin(crossings.lo(), 0, 1000, field + ".lo");
        InvalidValue.requireWithin(crossings.veth(), 0, 1000, field + ".veth");
        InvalidValue.requireWithin(crossings.skMsgRedirects(), 0, 1000, field + ".skMsgRedirects");
        InvalidValue.requireWithin(crossings.peerRedirects(), 0, 1000, field + ".peerRedirects");
    }
}
