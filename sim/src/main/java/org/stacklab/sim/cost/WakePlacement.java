package org.stacklab.sim.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.stacklab.sim.io.InvalidValue;

/**
 * Where a woken reader runs, and what that changes, on one machine: the mechanism behind a VM's
 * two-humped wake-ups. A reader woken onto an idle CPU pays for waking it (on a VM an idle vCPU has
 * halted: an exit to the hypervisor and an inter-processor interrupt); one that runs on a CPU that
 * was busy (the waker's, once the waker blocks, or one it queues behind) does not.
 *
     * @param affinity       under the scheduler's placement, the share of wake-ups placed without a search for an
 *                       idle CPU: onto the waker's CPU or the wakee's last one, whichever has less to run (a waker
 *                       about to block, a sync wake-up, not counted), as the kernel's wake-affine choice; the others
 *                       go to an idle CPU if there is one. On the lab VM the kernel found none (a halted vCPU counts
 *                       as preempted): a thread pair under load stays on one CPU. Calibration reads it from a
 *                       recording left to the scheduler (its wake-ups on the waker's CPU)
 * @param busyCpuFactor  a switch onto a CPU that was busy costs this times one that wakes an idle CPU (the
 *                       switch costs of the profile are those of wake-ups onto idle CPUs). Calibration fits it
 *                       to a same-CPU recording, whose every wake-up lands on a busy CPU
 * @param sameCpuFactor  a step whose message is handled on the CPU that handled it last costs this times its
 *                       figure (its data and the socket are still in that CPU's caches; the profile's figures
 *                       are those of messages that crossed CPUs). Calibration fits it to a same-CPU
 *                       recording's segments against the model's of the same modes apart: on the lab VM about half
 * @param haltPolling    which hump a wake-up onto an idle CPU falls in, by how long the CPU was idle; null where the
 *                       profile does not say, and every such wake-up draws from its whole distribution
 * @param crossBusyFactor a switch onto a busy CPU woken from another CPU costs this times one onto an idle CPU (drawn
 *                       from its quick hump where there is halt polling: a busy CPU has not halted), and only a
 *                       switch woken from its own CPU (or by a timer or arrival) the busy-CPU factor. On the lab VM
 *                       a pipe ping-pong between two CPUs took 10 µs whether the wakee's CPU was idle or busy, on
 *                       one CPU 2.4 µs (2026-12-02): what costs is the crossing. Calibration takes it from the
 *                       recordings' {@code idleWake}; null where none measured it, and every busy CPU's switch
 *                       pays the busy-CPU factor
 */
public record WakePlacement(double affinity, double busyCpuFactor, double sameCpuFactor,
                            @JsonInclude(JsonInclude.Include.NON_NULL) HaltPolling haltPolling,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Double crossBusyFactor) {

    /** Every switch costs as the profile says, wherever it runs; the scheduler's placement ignores the waker. */
    public static final WakePlacement NONE = new WakePlacement(0, 1, 1, null);

    /** A placement that says nothing of wake-ups crossing onto busy CPUs. */
    public WakePlacement(double affinity, double busyCpuFactor, double sameCpuFactor, HaltPolling haltPolling) {
        this(affinity, busyCpuFactor, sameCpuFactor, haltPolling, null);
    }

    @JsonCreator
    public static WakePlacement read(@JsonProperty("affinity") Double affinity,
                                     @JsonProperty("busyCpuFactor") Double busyCpuFactor,
                                     @JsonProperty("sameCpuFactor") Double sameCpuFactor,
                                     @JsonProperty("haltPolling") HaltPolling haltPolling,
                                     @JsonProperty("crossBusyFactor") Double crossBusyFactor) {
        return new WakePlacement(affinity == null ? 0 : affinity, busyCpuFactor == null ? 1 : busyCpuFactor,
                sameCpuFactor == null ? 1 : sameCpuFactor, haltPolling, crossBusyFactor);
    }

    /** This placement with the given halt polling (or none). */
    public WakePlacement withHaltPolling(HaltPolling polling) {
        return new WakePlacement(affinity, busyCpuFactor, sameCpuFactor, polling, crossBusyFactor);
    }

    /** This placement with the given factor of a wake-up crossing onto a busy CPU (or none). */
    public WakePlacement withCrossBusyFactor(Double factor) {
        return new WakePlacement(affinity, busyCpuFactor, sameCpuFactor, haltPolling, factor);
    }

    public WakePlacement {
        InvalidValue.require(affinity >= 0 && affinity <= 1, "affinity", "affinity is a share from 0 to 1, not "
                + affinity);
        InvalidValue.require(busyCpuFactor > 0 && busyCpuFactor <= 10, "busyCpuFactor",
                "busyCpuFactor must be above 0 and at most 10, not " + busyCpuFactor);
        InvalidValue.require(sameCpuFactor > 0 && sameCpuFactor <= 10, "sameCpuFactor",
                "sameCpuFactor must be above 0 and at most 10, not " + sameCpuFactor);
        InvalidValue.require(crossBusyFactor == null || (crossBusyFactor > 0 && crossBusyFactor <= 10),
                "crossBusyFactor", "crossBusyFactor must be above 0 and at most 10, not " + crossBusyFactor);
    }
}
