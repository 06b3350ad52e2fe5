package org.stacklab.probe.run;

import java.nio.ByteBuffer;
import org.stacklab.probe.bpf.RingBufferReader;

/**
 * Counts the path probe's events (struct stacklab_event of bpf/include/stacklab.h) as they
 * arrive: messages entering TCP/IP, and data packets queued on loopback and veth devices.
 */
final class PathCounter implements RingBufferReader.RecordConsumer {

    /** sizeof(struct stacklab_event). */
    static final int RECORD_SIZE = 40;

    private static final int TCP_SENDMSG = 1;
    private static final int NET_DEV_QUEUE = 2;
    private static final int LOOPBACK_IFINDEX = 1;

    private final int smallestDataPacket;
    private long tcpSendmsg;
    private long loPackets;
    private long vethPackets;
    private long events;

    /** @param smallestPayload the smallest message the workload sends; smaller packets are ACKs */
    PathCounter(int smallestPayload) {
        // Ethernet, IPv4 and TCP headers without options: a packet this long carries data.
        this.smallestDataPacket = 14 + 20 + 20 + smallestPayload;
    }

    @Override
    public void accept(ByteBuffer record) {
        events++;
        int kind = record.getInt(16);
        if (kind == TCP_SENDMSG && record.getInt(36) > 0) {
            tcpSendmsg++;
        } else if (kind == NET_DEV_QUEUE && record.getInt(36) >= smallestDataPacket) {
            if (record.getInt(32) == LOOPBACK_IFINDEX) {
                loPackets++;
            } else {
                vethPackets++;
            }
        }
    }

    long events() {
        return events;
    }

    Traversals perRoundTrip(long roundTrips, long redirects) {
        double n = roundTrips;
        return new Traversals(round(tcpSendmsg / n), round(loPackets / n), round(vethPackets / n), round(redirects / n));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
