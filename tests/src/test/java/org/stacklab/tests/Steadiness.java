package org.stacklab.tests;

import java.util.List;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.Recording;

/**
 * Whether a live run is one a figure can be held to. When the host stalls the VM (on 2026-12-01 a
 * pinned ping-pong's p90 went from 1.3 medians to 2-10 for an hour, builds old and new alike) the
 * measurement describes the host, not the lab: a steady run's p90 is within {@value #STEADY} medians
 * (1.2-1.52 here when calm); a p90 of 1.7 medians (sockmap, 14:20) was a tail no model can be held to.
 */
final class Steadiness {

    static final double STEADY = 1.6;

    private Steadiness() {
    }

    /** The modes whose round trips stalled often, at any size: a p90 more than {@value #STEADY} times the median. */
    static List<String> unsteadyModes(Recording recording) {
        return recording.measurements().stream().filter(m -> !steady(m)).map(LiveMeasurement::mode).distinct().toList();
    }

    static boolean steady(LiveMeasurement m) {
        return m.latencyUs().p90() <= STEADY * m.latencyUs().p50();
    }
}
