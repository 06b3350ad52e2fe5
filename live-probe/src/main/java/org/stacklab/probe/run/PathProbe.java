package org.stacklab.probe.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.bpf.ArraySlot.ProbeConfig;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.bpf.BpfLink;
import org.stacklab.probe.bpf.BpfObject;
import org.stacklab.probe.bpf.EventLayout;
import org.stacklab.probe.bpf.RingBufferReader;
import org.stacklab.probe.datapath.DataPathProgram;
import org.stacklab.probe.lab.LabException;
import org.stacklab.probe.lab.LabTopology;
import org.stacklab.sim.topology.NamespaceSpec;

/**
 * The path probe attached to a lab: the tracepoint programs of {@code bpf/path_probe.bpf.c},
 * filtered to the lab's namespaces, and the own events of the mode's data-path programs that
 * write them (a redirected send never reaches a TCP tracepoint). One thread drains every ring
 * buffer into an {@link EventLog}; closing detaches the programs and collects the last events.
 */
final class PathProbe implements AutoCloseable {

    private static final List<String> PROGRAMS = List.of("on_tcp_sendmsg", "on_net_dev_queue",
            "on_netif_receive_skb", "on_sk_data_ready", "on_sock_recv_length", "on_sched_switch");
    private static final long DRAIN_INTERVAL_MS = 100;

    /** An object whose programs write events (bpf/include/event_batches.h), with its ring buffer's reader. */
    private record EventSource(BpfObject object, RingBufferReader reader) {

        static EventSource of(BpfObject object) throws BpfException {
            return new EventSource(object,
                    object.ringBuffer("events", EventLayout.EVENT_SIZE, EventLayout.LARGEST_SAMPLE));
        }

        /** Closes the reader and takes the last, partial batches; returns the events lost. */
        long finish(EventLog events) throws BpfException {
            reader.close();
            long lost = 0;
            byte[] value = new byte[8];
            if (object.mapLookup("dropped", BpfObject.u32(0), value)) {
                lost = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getLong();
            }
            for (ByteBuffer batch : object.mapLookupPerCpu("batches", BpfObject.u32(0), EventLayout.BATCH_SIZE)) {
                lost += events.acceptUnwritten(batch);
            }
            return lost;
        }
    }

    private final BpfObject object;
    private final List<DataPathProgram> watched = new ArrayList<>();
    private final List<EventSource> sources = new ArrayList<>();
    private final List<BpfLink> links = new ArrayList<>();
    private final EventLog events;
    private final Thread drainer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, String> namespaceByInode = new HashMap<>();
    private volatile BpfException failure;
    private long dropped;

    private PathProbe(BpfObject object, EventLog events) {
        this.object = object;
        this.events = events;
        this.drainer = new Thread(this::drain, "stacklab-path-probe");
    }

    /**
     * Loads and attaches the probe.
     *
     * @param programs        the mode's data-path programs, attached
     * @param smallestPayload the workload's smallest message: shorter packets are ACKs, left out in the kernel
     */
    static PathProbe attach(LabTopology lab, List<DataPathProgram> programs, EventLog events, int smallestPayload)
            throws BpfException, LabException {
        BpfObject object = BpfObject.load(NativeFiles.get().file(NativeFiles.PATH_PROBE));
        PathProbe probe = new PathProbe(object, events);
        try {
            object.mapUpdate(ProbeConfig.MAP, ProbeConfig.DATA_AT_DEVICE_QUEUE.key(),
                    BpfObject.u32(EventLog.DataPackets.atDeviceQueue(smallestPayload)));
            object.mapUpdate(ProbeConfig.MAP, ProbeConfig.DATA_AT_RECEIVE.key(),
                    BpfObject.u32(EventLog.DataPackets.atReceive(smallestPayload)));
            for (NamespaceSpec ns : lab.mode().topology().namespaces()) {
                int inode = lab.netnsInode(ns.name());
                object.mapUpdate("lab_netns", BpfObject.u32(inode), new byte[] {1});
                probe.namespaceByInode.put(inode, ns.name());
            }
            probe.sources.add(EventSource.of(object));
            for (DataPathProgram program : programs) {
                if (program.events().isPresent()) {
                    probe.sources.add(EventSource.of(program.events().get()));
                    probe.watched.add(program);
                    program.watch(true);
                }
            }
            for (String program : PROGRAMS) {
                probe.links.add(object.attach(program));
            }
            probe.drainer.start();
            return probe;
        } catch (BpfException | LabException | RuntimeException e) {
            try {
                probe.detach();
            } catch (BpfException | RuntimeException more) {
                e.addSuppressed(more); // what went wrong first is what the user needs to read
            }
            probe.sources.forEach(source -> source.reader().close());
            object.close();
            throw e;
        }
    }

    private void drain() {
        try {
            while (running.get()) {
                // The programs write without waking us (BPF_RB_NO_WAKEUP): drain on a clock instead.
                Thread.sleep(DRAIN_INTERVAL_MS);
                drainEverySource();
            }
            drainEverySource(); // the last events written before the programs stopped
        } catch (BpfException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads each ring buffer until it is empty: one poll takes at most the reader's buffer, and a
     * sidecar's round trips can write more than that between two drains.
     */
    private void drainEverySource() throws BpfException {
        for (EventSource source : sources) {
            while (source.reader().poll(0, events) > 0) {
                // keep reading
            }
        }
    }

    /** Names of the lab's namespaces by the inode number events carry. */
    Map<Integer, String> namespaceByInode() {
        return namespaceByInode;
    }

    /** Events lost to a full ring buffer; known once the probe is closed. */
    long dropped() {
        return dropped;
    }

    /** Stops every program writing: the tracepoints' links, and the redirect program's events. */
    private void detach() throws BpfException {
        links.forEach(BpfLink::close);
        links.clear();
        for (DataPathProgram program : watched) {
            program.watch(false);
        }
    }

    @Override
    public void close() throws BpfException {
        try {
            detach();
            running.set(false);
            try {
                drainer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (EventSource source : sources) {
                dropped += source.finish(events);
            }
        } finally {
            object.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
