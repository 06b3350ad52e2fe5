package org.stacklab.probe.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.StatUtils;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.lab.LabException;
import org.stacklab.sim.io.InvalidValue;

/**
 * How long a CPU's idleness makes its wake-up, measured: a ping-pong of two pinned threads over pipes
 * ({@code workload-driver idle-wake}), the server spinning a set time before each answer, so that the client's
 * CPU sits idle that long. On a VM a halted vCPU is polled by the host for a while and wakes at once; past that
 * window the host must schedule it back, and the round trip turns slow — which the model's {@link
 * org.stacklab.sim.cost.HaltPolling} follows. Nothing of the network: no root, no lab.
 *
 * <p>And one block with both CPUs kept busy (a spinner of the lowest priority on each, which every wake-up
 * preempts): a wake-up from the other CPU onto a busy one, which has not halted. Under load that is most wake-ups
 * of a spread lab, and what it costs beside an idle CPU's is the model's {@link
 * org.stacklab.sim.cost.WakePlacement#crossBusyFactor()}.
 *
 * @param extraNs     per idle time (ns), what each round trip took beyond the server's work, ns, the idle times in
 *                    the order measured
 * @param busyExtraNs the round trips with both CPUs busy, ns; null in a recording made before they were measured
 */
public record IdleWakeMeasurement(Map<Long, List<Long>> extraNs,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> busyExtraNs) {

    /** The idle times, µs: well within the lab VM's window (about 150–200 µs) to well past it. */
    public static final List<Long> IDLE_US = List.of(0L, 20L, 50L, 100L, 150L, 200L, 300L, 1000L);
    /** A round trip is slow past this many times the shortest idle time's median. */
    public static final double SLOW_TIMES = 3;
    /** The driver's word for the block with both CPUs busy. */
    private static final String BUSY = "busy";
    /** Round trips a probe run measures at each idle time beside its modes: about a second in all. */
    public static final int PROBE_RUN_ROUNDS = 300;

    @JsonCreator
    public IdleWakeMeasurement(@JsonProperty(value = "extraNs", required = true) Map<Long, List<Long>> extraNs,
                               @JsonProperty("busyExtraNs") List<Long> busyExtraNs) {
        InvalidValue.require(!extraNs.isEmpty() && extraNs.values().stream().allMatch(times -> !times.isEmpty()),
                "extraNs", "holds the round trips of at least one idle time, each at least one");
        InvalidValue.require(busyExtraNs == null || !busyExtraNs.isEmpty(), "busyExtraNs",
                "holds at least one round trip, or is left out");
        this.extraNs = new LinkedHashMap<>(extraNs);
        this.busyExtraNs = busyExtraNs == null ? null : List.copyOf(busyExtraNs);
    }

    /** Measures it as {@code probe run} does beside its modes: the client on CPU 0, the server on CPU 1. */
    public static IdleWakeMeasurement measure() throws LabException {
        return measure(PROBE_RUN_ROUNDS, 0, 1);
    }

    /** Measures {@code rounds} round trips at each idle time, the client on one CPU and the server on another. */
    public static IdleWakeMeasurement measure(int rounds, int clientCpu, int serverCpu) throws LabException {
        List<String> command = new ArrayList<>(List.of(NativeFiles.get().file(NativeFiles.WORKLOAD_DRIVER).toString(),
                "idle-wake", Integer.toString(rounds), Integer.toString(clientCpu), Integer.toString(serverCpu)));
        IDLE_US.forEach(us -> command.add(Long.toString(us * 1000)));
        command.add(BUSY);
        Map<Long, List<Long>> extra = new LinkedHashMap<>();
        List<Long> busy = new ArrayList<>();
        boolean[] done = {false};
        boolean ended = DriverOutput.read("idle-wake", command, line -> {
            String[] words = line.split(" ");
            if (line.equals("done") && !done[0]) {
                done[0] = true;
            } else if (!done[0] && words.length == 2 && words[0].equals(BUSY) && words[1].matches("\\d+")) {
                busy.add(Long.parseLong(words[1]));
            } else if (!done[0] && words.length == 2 && words[0].matches("\\d+") && words[1].matches("-?\\d+")) {
                extra.computeIfAbsent(Long.parseLong(words[0]), k -> new ArrayList<>()).add(Long.parseLong(words[1]));
            } else {
                throw new LabException("the workload driver's idle-wake failed: " + line);
            }
        });
        if (!ended || !done[0] || extra.size() != IDLE_US.size() || busy.size() != rounds) {
            throw new LabException("the workload driver's idle-wake stopped after " + extra.size() + " of "
                    + IDLE_US.size() + " idle times and " + busy.size() + " of " + rounds + " busy round trips");
        }
        return new IdleWakeMeasurement(extra, busy);
    }

    /**
     * What a wake-up from another CPU onto a busy one costs beside one onto a CPU just gone idle: the busy block's
     * median round trip over the shortest idle time's; null where the busy block was not measured.
     */
    public Double crossBusyFactor() {
        return busyExtraNs == null ? null : busyUs(50) / extraUs(shortestIdleNs(), 50);
    }

    /** The round trips with both CPUs busy, µs, at quantile {@code p} (0–100); NaN where they were not measured. */
    public double busyUs(double p) {
        return busyExtraNs == null ? Double.NaN
                : StatUtils.percentile(busyExtraNs.stream().mapToDouble(Long::doubleValue).toArray(), p) / 1e3;
    }

    /** The shortest idle time measured, ns: the round trips every other is held against. */
    public long shortestIdleNs() {
        return extraNs.keySet().iterator().next();
    }

    /** The round trips' time beyond the work at an idle time, µs, at quantile {@code p} (0–100). */
    public double extraUs(long idleNs, double p) {
        return StatUtils.percentile(extraNs.get(idleNs).stream().mapToDouble(Long::doubleValue).toArray(), p) / 1e3;
    }

    /** The share of round trips at an idle time slower than {@value #SLOW_TIMES} times the shortest idle's median. */
    public double slowShare(long idleNs) {
        double slow = SLOW_TIMES * extraUs(shortestIdleNs(), 50) * 1e3;
        List<Long> times = extraNs.get(idleNs);
        return times.stream().filter(ns -> ns > slow).count() / (double) times.size();
    }

    /**
     * The shortest idle time at which the slow share is halfway from the shortest idle's to the longest's: where the
     * window ends, ns; or -1 where the longest idle's share is no higher than the shortest's (no window to see).
     */
    public long windowEndNs() {
        List<Long> times = new ArrayList<>(extraNs.keySet());
        double first = slowShare(times.get(0));
        double last = slowShare(times.get(times.size() - 1));
        if (last <= first) {
            return -1;
        }
        return times.stream().filter(ns -> slowShare(ns) >= (first + last) / 2).findFirst().orElseThrow();
    }

    /** One line for a run's table: the slow share after the shortest and longest idle times, and where it turns. */
    public String summary() {
        List<Long> times = new ArrayList<>(extraNs.keySet());
        long shortest = times.get(0);
        long longest = times.get(times.size() - 1);
        long window = windowEndNs();
        return String.format(Locale.ROOT, "The machine's idle CPUs, no network (a ping-pong between CPU 0 and CPU 1,"
                + " %d round trips at each idle time): slow %.0f %% of the time after %d µs idle, %.0f %% after %,d"
                + " µs%s%s.",
                extraNs.get(shortest).size(), 100 * slowShare(shortest), shortest / 1000, 100 * slowShare(longest),
                longest / 1000, window < 0 ? "" : String.format(Locale.ROOT, ", halfway at %d µs", window / 1000),
                busyExtraNs == null ? "" : String.format(Locale.ROOT, "; with both CPUs busy %.1f µs at p50, %.2f"
                        + " times the shortest idle's", busyUs(50), crossBusyFactor()));
    }
}
