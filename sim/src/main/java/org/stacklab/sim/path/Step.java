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
 * @param context   what the stage's cost may depend on beyond the stage itself: how the message
 *                  travels ({@code veth}, {@code lo}, {@code redirect}) on the send, device and
 *                  receive path; how the receiver waits ({@code read}, {@code epoll}) and how
 *                  the message came, for the wake-up ({@code read-veth}, {@code epoll-lo}, …); whose work it is
 *                  ({@code client}, {@code app}, {@code proxy}) in user space
 */
public record Step(Stage stage, Direction direction, String namespace, String device, int bytes, int rules,
                   Segment segment, String context) {

    /** The key of the cost context, {@code segment:context}, as profiles name it (e.g. {@code wakeup:epoll}). */
    public String costContext() {
        return segment.key() + ":" + context;
    }
}
