package org.stacklab.probe.run;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.stacklab.probe.bpf.EventKind;
import org.stacklab.probe.bpf.EventLayout;
import org.stacklab.probe.bpf.RingBufferReader;
import org.stacklab.sim.report.Crossings;
import org.stacklab.sim.stack.DeviceKind;
import org.stacklab.sim.stack.Stage;

/**
 * The path probe's events (struct stacklab_event of bpf/include/stacklab.h) kept in compact
 * columns, then sorted by kernel time: the ring buffer delivers each CPU's events in order, but
 * two CPUs' events may interleave slightly out of order.
 */
final class EventLog implements RingBufferReader.RecordConsumer {

    static final int LOOPBACK_IFINDEX = 1;

    private long[] time = new long[1 << 16];
    private EventKind[] kind = new EventKind[1 << 16];
    private int[] tgid = new int[1 << 16];
    private int[] ifindex = new int[1 << 16];
    private int[] cpu = new int[1 << 16];
    private int[] netns = new int[1 << 16];
    private int[] length = new int[1 << 16];
    private int[] idleCpus = new int[1 << 16];
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
            idleCpus = Arrays.copyOf(idleCpus, capacity);
        }
        EventKind observed = EventKind.of(record.getInt(EventLayout.KIND));
        if (observed == null) {
            return; // a kind no program of this build writes: nothing here could read it
        }
        time[size] = record.getLong(EventLayout.KTIME_NS);
        kind[size] = observed;
        cpu[size] = record.getInt(EventLayout.CPU);
        tgid[size] = record.getInt(EventLayout.TGID);
        netns[size] = record.getInt(EventLayout.NETNS);
        ifindex[size] = record.getInt(EventLayout.IFINDEX);
        length[size] = record.getInt(EventLayout.LENGTH);
        idleCpus[size] = record.getInt(EventLayout.IDLE_CPUS);
        size++;
    }

    /**
     * Takes the events of a CPU's last, partial batch (struct stacklab_batch, read from the probe's
     * per-CPU map once its programs are detached).
     *
     * @return the events that CPU's full batches lost to a full ring buffer
     */
    long acceptUnwritten(ByteBuffer batch) {
        int count = Math.min(batch.getInt(EventLayout.BATCH_COUNT), EventLayout.BATCH);
        for (int i = 0; i < count; i++) {
            accept(batch.slice(EventLayout.BATCH_EVENTS + i * EventLayout.EVENT_SIZE, EventLayout.EVENT_SIZE)
                    .order(batch.order()));
        }
        return batch.getLong(EventLayout.BATCH_LOST);
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

    EventKind kind(int i) {
        return kind[i];
    }

    int tgid(int i) {
        return tgid[i];
    }

    /** Whether a CPU ran its idle task when event {@code i} (a wake-up) was recorded; CPUs past 31 are not followed. */
    boolean idleAt(int i, int whichCpu) {
        return whichCpu < 32 && (idleCpus[i] & (1 << whichCpu)) != 0;
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
     * Counts the crossings of the logged events that saw a message's data, as {@link Crossings.Kind}
     * defines each: tcp_sendmsg_locked begins a trip through TCP/IP; net_dev_queue is a visit of
     * DEV_XMIT on lo or a veth; the sk_msg program's and the host-routing tc program's own events are
     * their redirects.
     *
     * @param smallestPayload the smallest message of the workload; shorter packets are ACKs
     */
    void countCrossings(Crossings.Counter counter, int smallestPayload) {
        int dataPacket = DataPackets.atDeviceQueue(smallestPayload);
        for (int i = 0; i < size; i++) {
            switch (kind[i]) {
                case TCP_SENDMSG -> {
                    if (length[i] > 0) {
                        counter.observed(Crossings.Kind.TCP_IP);
                    }
                }
                case MSG_REDIRECT -> {
                    if (length[i] > 0) {
                        counter.observed(Crossings.Kind.SK_MSG_REDIRECT);
                    }
                }
                case NET_DEV_QUEUE -> {
                    if (length[i] >= dataPacket) {
                        counter.dataVisit(Stage.DEV_XMIT, device(i));
                    }
                }
                case PEER_REDIRECT -> {
                    // At tc ingress the skb holds its Ethernet header, as at net_dev_queue.
                    if (length[i] >= dataPacket) {
                        counter.observed(Crossings.Kind.TC_PEER_REDIRECT);
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The trace's name of the device an event saw: {@code lo}, or {@code veth:} and its ifindex. */
    String device(int i) {
        return ifindex[i] == LOOPBACK_IFINDEX ? DeviceKind.LO.key() : DeviceKind.VETH.device(Integer.toString(ifindex[i]));
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
