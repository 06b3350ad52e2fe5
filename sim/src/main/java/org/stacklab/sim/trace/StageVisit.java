package org.stacklab.sim.trace;

import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Stage;

/**
 * One entry of a path trace: a request's visit of one stage. The simulator and the live probe
 * both produce these, and the lab draws them without knowing which did.
 *
 * @param request   the request's id
 * @param direction connection set-up, request or response
 * @param stage     the stage
 * @param namespace the network namespace the packet or process was in
 * @param device    {@code lo} or a veth for device stages, else null
 * @param cpu       the core that ran it
 * @param enterNs   when the visit began
 * @param exitNs    when it ended
 * @param bytes     payload bytes carried
 */
public record StageVisit(long request, Direction direction, Stage stage, String namespace, String device, int cpu,
                         long enterNs, long exitNs, int bytes) {

    public long durationNs() {
        return exitNs - enterNs;
    }
}
