package org.stacklab.probe.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.stacklab.probe.bpf.EventKind;
import org.stacklab.sim.report.SegmentTimes;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;

/**
 * Follows the round trips of a workload with one message in flight at a time (one connection,
 * request then response) through the path probe's events. Every event then belongs to the
 * message under way, and a trip is a chain of intervals between observed points:
 * send → device queue → device receive → … → sk_data_ready → recv return → user work → the next
 * send, until the client reads the response (a node's tc program handing the packet on between a
 * device receive and the wake-up is one more point). A send begins at {@code tcp_sendmsg_locked}, or, for
 * a message redirected socket to socket (which never reaches TCP), at the redirect program's
 * verdict on it.
 *
 * <p>Each interval is reported with the {@link Segment} it belongs to and the {@link Stage} of the
 * point it starts at; it lasts until the next observed point, so it includes the derived stages
 * that follow that point (e.g. a TCP_OUT interval holds IP_OUT and the netfilter hooks too).
 */
final class TripWalker {

    /** Receives the intervals of the round trips, in order. */
    interface Listener {
        /** An interval of the current round trip; {@code at} is the event it starts at. */
        void interval(Segment segment, Stage stage, long startNs, long endNs, int at);

        /** The client read the response: the round trip is complete. */
        void tripEnded();

        /** The trip so far was abandoned: events came in an order a single message cannot produce. */
        void tripAbandoned();

        /**
         * A wake-up of the current round trip ended: {@code onWakersCpu} if the woken reader returned
         * on the CPU that woke it (where {@code sk_data_ready} ran), else it was woken across CPUs;
         * {@code ontoIdleCpu} if the CPU it returned on ran its idle task as it was woken.
         */
        default void wokenOn(boolean onWakersCpu, boolean ontoIdleCpu) {
        }
    }

    private final EventLog log;
    private final int client;
    private final java.util.Set<Integer> proxies;
    private final int dataAtQueue;
    private final int dataAtReceive;

    /**
     * @param clientTgid      the workload client's process id
     * @param proxyTgids      process ids of the proxies, whose user time is {@link Stage#PROXY}
     * @param smallestPayload the workload's smallest message; shorter packets are ACKs
     */
    TripWalker(EventLog log, int clientTgid, java.util.Set<Integer> proxyTgids, int smallestPayload) {
        this.log = log;
        this.client = clientTgid;
        this.proxies = java.util.Set.copyOf(proxyTgids);
        this.dataAtQueue = EventLog.DataPackets.atDeviceQueue(smallestPayload);
        this.dataAtReceive = EventLog.DataPackets.atReceive(smallestPayload);
    }

    void walk(Listener listener) {
        Segment state = null; // null: no message under way
        long start = 0;
        int startAt = -1;
        int lastReceive = -1;
        int user = -1;
        for (int i : log.timeOrder()) {
            long t = log.time(i);
            EventKind kind = log.kind(i);
            boolean clientEvent = log.tgid(i) == client;
            boolean sendBegins = kind == EventKind.MSG_REDIRECT
                    || kind == EventKind.TCP_SENDMSG && (state == null || state == Segment.APP);
            if (sendBegins) {
                if (clientEvent && state == null) {
                    state = Segment.SEND;
                } else if (clientEvent && state == Segment.SEND && kind == EventKind.MSG_REDIRECT) {
                    listener.tripAbandoned(); // a second message before the first arrived
                } else if (state == Segment.APP && log.tgid(i) == user) {
                    boolean proxy = proxies.contains(user);
                    listener.interval(proxy ? Segment.PROXY : Segment.APP, proxy ? Stage.PROXY : Stage.APP_RECV,
                            start, t, startAt);
                    state = Segment.SEND;
                } else {
                    continue;
                }
                start = t;
                startAt = i;
            } else if (kind == EventKind.NET_DEV_QUEUE && log.length(i) >= dataAtQueue
                    && (state == Segment.SEND || state == Segment.DEVICE && lastReceive >= 0)) {
                if (state == Segment.SEND) {
                    listener.interval(Segment.SEND, Stage.SOCK_SEND, start, t, startAt);
                } else {
                    // Queued again after a receive: the packet was forwarded by the namespace it passed through.
                    listener.interval(Segment.DEVICE, Stage.IP_FORWARD, log.time(lastReceive), t, lastReceive);
                }
                state = Segment.DEVICE;
                start = t;
                startAt = i;
                lastReceive = -1;
            } else if (kind == EventKind.NETIF_RECEIVE && log.length(i) >= dataAtReceive && state == Segment.DEVICE
                    && lastReceive < 0) {
                listener.interval(Segment.DEVICE, Stage.DEV_XMIT, start, t, startAt);
                lastReceive = i;
            } else if (kind == EventKind.PEER_REDIRECT && log.length(i) >= dataAtQueue && state == Segment.DEVICE
                    && lastReceive >= 0) {
                // The node's tc program handed the packet to the next namespace's device: from here the
                // receive is that namespace's, as if the packet had arrived on its own device.
                listener.interval(Segment.DEVICE, Stage.NET_RX, log.time(lastReceive), t, lastReceive);
                lastReceive = i;
            } else if (kind == EventKind.SK_DATA_READY
                    && (state == Segment.DEVICE && lastReceive >= 0 || state == Segment.SEND)) {
                if (state == Segment.DEVICE) {
                    listener.interval(Segment.RECEIVE, Stage.TCP_RCV, log.time(lastReceive), t, lastReceive);
                } else {
                    // Redirected: from the redirect program's verdict straight to the peer socket.
                    listener.interval(Segment.SEND, Stage.SK_MSG_REDIRECT, start, t, startAt);
                }
                state = Segment.WAKEUP;
                start = t;
                startAt = i;
            } else if (kind == EventKind.SOCK_RECV && log.length(i) > 0 && state == Segment.WAKEUP) {
                listener.interval(Segment.WAKEUP, Stage.WAKEUP, start, t, startAt);
                listener.wokenOn(log.cpu(i) == log.cpu(startAt), log.idleAt(startAt, log.cpu(i)));
                if (clientEvent) {
                    listener.tripEnded();
                    state = null;
                } else {
                    state = Segment.APP; // in user space: the app's or the proxy's work
                    user = log.tgid(i);
                    start = t;
                    startAt = i;
                }
            }
        }
    }

    /**
     * Sums each completed round trip's segments, and keeps the wake-ups of up to {@value #KEPT_TRIPS}
     * trips one by one, spread evenly over the run (never the first trip, which sets up the connection),
     * each of them with as many wake-ups as the first kept.
     */
    static final class SegmentTotals implements Listener {
        static final int KEPT_TRIPS = 10000;
        private final long stride;
        private final long[] total = new long[Segment.values().length];
        private final long[] current = new long[Segment.values().length];
        private final List<Long> currentWakeups = new ArrayList<>();
        private final List<List<Long>> wakeups = new ArrayList<>(); // by position in the trip
        private int currentOnWakersCpu;
        private long wakeupsOnWakersCpu;
        private long trips;
        private long wakeupsOntoIdleCpu;
        private long currentOntoIdleCpu;
        private long wakeupsSeen;
        private long abandoned;
        private long kept;

        /** @param expectedTrips the run's round trips, over which the kept ones are spread */
        SegmentTotals(long expectedTrips) {
            this.stride = Math.max(1, (expectedTrips - 1) / KEPT_TRIPS);
        }

        @Override
        public void interval(Segment segment, Stage stage, long startNs, long endNs, int at) {
            current[segment.ordinal()] += endNs - startNs;
            if (segment == Segment.WAKEUP) {
                currentWakeups.add(endNs - startNs);
            }
        }

        @Override
        public void wokenOn(boolean onWakersCpu, boolean ontoIdleCpu) {
            if (onWakersCpu) {
                currentOnWakersCpu++;
            }
            if (ontoIdleCpu) {
                currentOntoIdleCpu++;
            }
        }

        @Override
        public void tripEnded() {
            for (int s = 0; s < total.length; s++) {
                total[s] += current[s];
            }
            wakeupsOnWakersCpu += currentOnWakersCpu;
            currentOnWakersCpu = 0;
            wakeupsOntoIdleCpu += currentOntoIdleCpu;
            currentOntoIdleCpu = 0;
            wakeupsSeen += currentWakeups.size();
            Arrays.fill(current, 0);
            trips++;
            // A trip is kept whole or not at all, so that each position's i-th wake-up is the same trip's.
            if (trips > 1 && (trips - 2) % stride == 0 && kept < KEPT_TRIPS
                    && (wakeups.isEmpty() || currentWakeups.size() == wakeups.size())) {
                kept++;
                for (int i = 0; i < currentWakeups.size(); i++) {
                    if (i == wakeups.size()) {
                        wakeups.add(new ArrayList<>());
                    }
                    wakeups.get(i).add(currentWakeups.get(i));
                }
            }
            currentWakeups.clear();
        }

        @Override
        public void tripAbandoned() {
            Arrays.fill(current, 0);
            currentOnWakersCpu = 0;
            currentOntoIdleCpu = 0;
            currentWakeups.clear();
            abandoned++;
        }

        /** The kept wake-ups (sk_data_ready to the read's return) in ns, by their position in the round trip. */
        List<List<Long>> wakeupsNs() {
            return wakeups.stream().map(List::copyOf).toList();
        }

        long trips() {
            return trips;
        }

        /** The share of the completed trips' wake-ups whose reader returned on the CPU that woke it; 0 if none. */
        double shareOnWakersCpu() {
            return wakeupsSeen == 0 ? 0 : Math.round(1000.0 * wakeupsOnWakersCpu / wakeupsSeen) / 1000.0;
        }

        /**
         * The share of the completed trips' wake-ups whose reader's CPU ran its idle task as it was woken
         * (and so had to be woken itself: on a VM an interrupt and a hypervisor exit); 0 if none.
         */
        double shareOntoIdleCpu() {
            return wakeupsSeen == 0 ? 0 : Math.round(1000.0 * wakeupsOntoIdleCpu / wakeupsSeen) / 1000.0;
        }

        long abandoned() {
            return abandoned;
        }

        /** Microseconds per completed round trip, by segment key. */
        SegmentTimes usPerTrip() {
            Map<Segment, Double> perTrip = new java.util.EnumMap<>(Segment.class);
            for (Segment segment : Segment.values()) {
                double ns = trips == 0 ? 0 : (double) total[segment.ordinal()] / trips;
                perTrip.put(segment, Math.round(ns) / 1000.0);
            }
            return SegmentTimes.of(perTrip);
        }
    }
}
