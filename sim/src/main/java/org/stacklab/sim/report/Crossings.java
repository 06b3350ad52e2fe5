package org.stacklab.sim.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.stacklab.sim.stack.DeviceKind;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Stage;

/**
 * What a request and its response crossed, per round trip: the figures the live probe counts in the
 * kernel and the simulator predicts, side by side, and what the lab counts along a trace. Defined once,
 * from stage visits ({@link Kind#of}); a connection's set-up is not counted.
 *
 * @param tcpIp          trips through TCP/IP: messages that went down one stack and up another
 * @param lo             data packets a loopback device transmitted
 * @param veth           data packets a veth end (or an overlay's tunnel device) transmitted
 * @param skMsgRedirects messages the sk_msg program redirected socket to socket
 * @param peerRedirects  data packets a node's tc program handed straight to the next pod's device
 */
public record Crossings(double tcpIp, double lo, double veth, double skMsgRedirects, double peerRedirects) {

    /** As files hold it: {@code peerRedirects} is optional, 0 in recordings made before it was counted. */
    @JsonCreator
    static Crossings read(@JsonProperty(value = "tcpIp", required = true) double tcpIp,
                          @JsonProperty(value = "lo", required = true) double lo,
                          @JsonProperty(value = "veth", required = true) double veth,
                          @JsonProperty(value = "skMsgRedirects", required = true) double skMsgRedirects,
                          @JsonProperty("peerRedirects") Double peerRedirects) {
        return new Crossings(tcpIp, lo, veth, skMsgRedirects, peerRedirects == null ? 0 : peerRedirects);
    }

    /** What one visit crosses. */
    public enum Kind {
        /**
         * A visit of {@link Stage#TCP_RCV}: the receiver's TCP, which ends every trip through TCP/IP and which
         * simulated and measured traces both show (a measured send's interval holds socket, TCP and IP at
         * once). The kernel's count takes tcp_sendmsg_locked, which begins each such trip.
         */
        TCP_IP("TCP/IP trips"),
        /** A visit of {@link Stage#DEV_XMIT} on a loopback (the probe: net_dev_queue on ifindex 1). */
        LO("lo packets"),
        /**
         * A visit of {@link Stage#DEV_XMIT} on any device but a loopback: a veth end, or an overlay's tunnel
         * device, whose packet then crosses the veth beneath as a second one (the probe: net_dev_queue on any
         * other device; it cannot tell a vxlan device from a veth by its ifindex alone).
         */
        VETH("veth packets"),
        /** A visit of {@link Stage#SK_MSG_REDIRECT} (the probe: the sk_msg program's own event). */
        SK_MSG_REDIRECT("sk_msg redirects"),
        /** A visit of {@link Stage#TC_PEER_REDIRECT} (the probe: the tc program's own event). */
        TC_PEER_REDIRECT("tc peer redirects");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** For people: {@code TCP/IP trips}, {@code lo packets}, … */
        public String label() {
            return label;
        }

        /** What a visit of {@code stage} on {@code device} (or none) crosses, or null if nothing counted. */
        public static Kind of(Direction direction, Stage stage, String device) {
            return direction == Direction.CONNECT ? null : ofData(stage, device);
        }

        /** What a visit carrying a message's data (not a connection's set-up) crosses, or null. */
        public static Kind ofData(Stage stage, String device) {
            return switch (stage) {
                case TCP_RCV -> TCP_IP;
                case SK_MSG_REDIRECT -> SK_MSG_REDIRECT;
                case TC_PEER_REDIRECT -> TC_PEER_REDIRECT;
                case DEV_XMIT -> DeviceKind.of(device) == DeviceKind.LO ? LO : VETH;
                default -> null;
            };
        }
    }

    /** Counts crossings visit by visit. Not thread-safe. */
    public static final class Counter {
        private final long[] counts = new long[Kind.values().length];

        /** Counts a visit, if it crosses anything. */
        public void visit(Direction direction, Stage stage, String device) {
            if (direction != Direction.CONNECT) {
                dataVisit(stage, device);
            }
        }

        /** Counts a visit that carried a message's data, if it crosses anything. */
        public void dataVisit(Stage stage, String device) {
            Kind kind = Kind.ofData(stage, device);
            if (kind != null) {
                observed(kind);
            }
        }

        /** Counts a crossing the kernel observed directly, as the live probe's events do. */
        public void observed(Kind kind) {
            counts[kind.ordinal()]++;
        }

        /** Adds another counter's counts to these. */
        public void add(Counter other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
        }

        public long count(Kind kind) {
            return counts[kind.ordinal()];
        }

        /** The counts per round trip, to 0.001. */
        public Crossings perRoundTrip(long roundTrips) {
            double n = Math.max(1, roundTrips);
            return new Crossings(RunReport.round(count(Kind.TCP_IP) / n), RunReport.round(count(Kind.LO) / n),
                    RunReport.round(count(Kind.VETH) / n), RunReport.round(count(Kind.SK_MSG_REDIRECT) / n),
                    RunReport.round(count(Kind.TC_PEER_REDIRECT) / n));
        }
    }

    /** This figure of one kind. */
    public double of(Kind kind) {
        return switch (kind) {
            case TCP_IP -> tcpIp;
            case LO -> lo;
            case VETH -> veth;
            case SK_MSG_REDIRECT -> skMsgRedirects;
            case TC_PEER_REDIRECT -> peerRedirects;
        };
    }

    /** Whether two counts agree to the nearest tenth of a crossing per round trip. */
    public boolean agreesWith(Crossings other) {
        for (Kind kind : Kind.values()) {
            if (Math.abs(of(kind) - other.of(kind)) >= 0.1) {
                return false;
            }
        }
        return true;
    }
}
