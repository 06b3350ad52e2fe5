package org.stacklab.sim.path;

import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;

/**
 * One stage a process's CPU works through on a message's behalf.
 *
 * @param stage     the stage
 * @param direction connection set-up, request or response
 * @param namespace the namespace the packet (or process) is in
 * @param device    {@code lo} or a veth for device stages, null otherwise
 * @param bytes     payload bytes carried
 * @param rules     iptables rules traversed (netfilter stages), else 0
 * @param segment   the part of the trip it belongs to, as the live probe times it
 */
public record Step(Stage stage, Direction direction, String namespace, String device, int bytes, int rules,
                   Segment segment) {
}
