package org.stacklab.probe.run;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.stacklab.probe.bpf.RingBufferReader;

/**
 * The path probe's events (struct stacklab_event of bpf/include/stacklab.h) kept in compact
 * columns, then sorted by kernel time: the ring buffer delivers each CPU's events in order, but
 * two CPUs' events may interleave slightly out of order.
 */
final class EventLog implements RingBufferReader.RecordConsumer {

    /** sizeof(struct stacklab_event). */
    static final int RECORD_SIZE = 40;
    /** SL_BATCH: events a CPU gathers before writing them in one piece. */
    static final int BATCH = 16;
    /** sizeof(struct stacklab_batch): count, busy, lost, then the events. */
    static final int BATCH_SIZE = 16 + BATCH * RECORD_SIZE;

    static final int MSG_REDIRECT = 7;
    static final int TCP_SENDMSG = 1;
    static final int NET_DEV_QUEUE = 2;
    static final int NETIF_RECEIVE = 3;
    static final int SK_DATA_READY = 4;
    static final int SOCK_RECV = 5;
    static final int LOOPBACK_IFINDEX = 1;

    private long[] time = new long[1 << 16];
    private int[] kind = new int[1 << 16];
    private int[] tgid = new int[1 << 16];
    private int[] ifindex = new int[1 << 16];
    private int[] cpu = new int[1 << 16];
    private int[] netns = new int[1 << 16];
    private int[] length = new int[1 << 16];
    private int size;

    @Override
    public void accept(ByteBuffer record) {
        if (size == time.length) {
            int capacity = size * 2;
            time = Arrays.copyOf(time, capacity);
            kind = Arrays.copyOf(kind, capacity);
            tgid = Arrays.copyOf(tgid, capacity);
            ifindex = Arrays.copyOf(ifindex, capacity);
            cpu = Arrays.copyOf(cpu, capacity);
            netns = Arrays.copyOf(netns, capacity);
            length = Arrays.copyOf(length, capacity);
        }
        time[size] = record.getLong(0);
        kind[size] = record.getInt(16);
        cpu[size] = record.getInt(20);
        tgid[size] = record.getInt(24);
        netns[size] = record.getInt(28);
        ifindex[size] = record.getInt(32);
        length[size] = record.getInt(36);
        size++;
    }

    /**
     * Takes the events of a CPU's last, partial batch (struct stacklab_batch, read from the probe's
     * per-CPU map once its programs are detached).
     *
     * @return the events that CPU's full batches lost to a full ring buffer
     */
    long acceptUnwritten(ByteBuffer batch) {
        int count = Math.min(batch.getInt(0), BATCH);
        for (int i = 0; i < count; i++) {
            accept(batch.slice(16 + i * RECORD_SIZE, RECORD_SIZE).order(batch.order()));
        }
        return batch.getLong(8);
    }

    int size() {
        return size;
    }

    /** Indexes of the events in kernel-time order. */
    int[] timeOrder() {
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(time[a], time[b]));
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    long time(int i) {
        return time[i];
    }

    int kind(int i) {
        return kind[i];
    }

    int tgid(int i) {
        return tgid[i];
    }

    int cpu(int i) {
        return cpu[i];
    }

    int netns(int i) {
        return netns[i];
    }

    int ifindex(int i) {
        return ifindex[i];
    }

    int length(int i) {
        return length[i];
    }

    /**
     * Crossings per round trip: messages into TCP/IP, data packets on lo and on veths.
     *
     * @param smallestPayload the smallest message of the workload; shorter packets are ACKs
     */
    Traversals traversals(long roundTrips, int smallestPayload, long redirects) {
        int dataPacket = DataPackets.atDeviceQueue(smallestPayload);
        long tcp = 0;
        long lo = 0;
        long veth = 0;
        for (int i = 0; i < size; i++) {
            if (kind[i] == TCP_SENDMSG && length[i] > 0) {
                tcp++;
            } else if (kind[i] == NET_DEV_QUEUE && length[i] >= dataPacket) {
                if (ifindex[i] == LOOPBACK_IFINDEX) {
                    lo++;
                } else {
                    veth++;
                }
            }
        }
        double n = roundTrips;
        return new Traversals(round(tcp / n), round(lo / n), round(veth / n), round(redirects / n));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** How long a packet carrying data is at each tracepoint: shorter ones are pure ACKs. */
    static final class DataPackets {
        private DataPackets() {
        }

        /** At net_dev_queue the skb holds the Ethernet, IPv4 and TCP headers (20 bytes at least). */
        static int atDeviceQueue(int payload) {
            return 14 + 20 + 20 + payload;
        }

        /** At netif_receive_skb the Ethernet header has been pulled. */
        static int atReceive(int payload) {
            return 20 + 20 + payload;
        }
    }
}
