package org.stacklab.sim.cost;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.stacklab.sim.io.InvalidValue;

/**
 * Which hump of a VM's two-humped wake-ups a wake-up onto an idle vCPU falls in, by how long the vCPU has
 * been idle. A vCPU that halts is polled by the host for a while (KVM's {@code halt_poll_ns}) before the host
 * gives its thread up; woken within that window it runs again at once, woken later the host must schedule it
 * back first. On the lab VM a ping-pong's wake-up took about 12 µs or about 160 µs, the slow ones in long runs
 * (a slow wake-up leaves the other vCPU idle past the window, so the next is slow too), and a vCPU kept idle on
 * purpose was slow to wake once idle past about 200 µs (see the README).
 *
 * @param windowNs      how long a halted vCPU stays quick to wake
 * @param slowWakeNs    the measured wake-ups at or past this are the slow hump's, those below it the quick one's
 * @param slowWithin    the share of wake-ups within the window that are slow all the same (the host busy elsewhere)
 * @param slowBeyond    the share of wake-ups past the window that are slow
 */
public record HaltPolling(@JsonProperty(value = "windowNs", required = true) double windowNs,
                          @JsonProperty(value = "slowWakeNs", required = true) double slowWakeNs,
                          @JsonProperty(value = "slowWithin", required = true) double slowWithin,
                          @JsonProperty(value = "slowBeyond", required = true) double slowBeyond) {

    public HaltPolling {
        InvalidValue.require(windowNs > 0 && windowNs <= 1e9, "windowNs", "windowNs is above 0 and at most a second,"
                + " not " + windowNs);
        InvalidValue.require(slowWakeNs > 0 && slowWakeNs <= 1e9, "slowWakeNs", "slowWakeNs is above 0 and at most a"
                + " second, not " + slowWakeNs);
        InvalidValue.require(slowWithin >= 0 && slowWithin <= 1, "slowWithin", "slowWithin is a share from 0 to 1, not "
                + slowWithin);
        InvalidValue.require(slowBeyond >= 0 && slowBeyond <= 1, "slowBeyond", "slowBeyond is a share from 0 to 1, not "
                + slowBeyond);
    }

    /** The share of wake-ups onto a vCPU idle for {@code idleNs} that fall in the slow hump. */
    public double slowShare(long idleNs) {
        return idleNs > windowNs ? slowBeyond : slowWithin;
    }
}
