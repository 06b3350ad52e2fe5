package org.stacklab.probe.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stacklab.sim.stack.Segment;

/**
 * Times the {@link Segment}s of each round trip from the path probe's events, for a workload
 * with one message in flight at a time (one connection, request and response): then every event
 * belongs to the one message under way, and its segments follow each other as
 * send entry → device queue → … → last device receive → sk_data_ready → recv return → (user) →
 * the next send entry, until the client reads the response.
 */
final class SegmentTimer {

    private static final int SEGMENTS = Segment.values().length;

    private final long[] total = new long[SEGMENTS];
    private final long[] current = new long[SEGMENTS];
    private long requests;
    private long anomalies;

    /** Segment times per round trip in µs, and how many round trips were timed. */
    record Result(Map<String, Double> usPerRoundTrip, long roundTrips, long anomalies) {
    }

    static Result time(EventLog log, int clientTgid, int smallestPayload) {
        SegmentTimer timer = new SegmentTimer();
        timer.walk(log, clientTgid, EventLog.DataPackets.atDeviceQueue(smallestPayload),
                EventLog.DataPackets.atReceive(smallestPayload));
        Map<String, Double> perTrip = new LinkedHashMap<>();
        for (Segment segment : Segment.values()) {
            double ns = timer.requests == 0 ? 0 : (double) timer.total[segment.ordinal()] / timer.requests;
            perTrip.put(segment.key(), Math.round(ns) / 1000.0);
        }
        return new Result(perTrip, timer.requests, timer.anomalies);
    }

    private void walk(EventLog log, int client, int dataAtQueue, int dataAtReceive) {
        Segment state = null; // null: no message under way
        boolean inRequest = false;
        long start = 0;
        long lastReceive = 0;
        int userTgid = -1;
        for (int i : log.timeOrder()) {
            long t = log.time(i);
            int kind = log.kind(i);
            if (kind == EventLog.SEND_ENTER) {
                if (log.tgid(i) == client && !inRequest) {
                    java.util.Arrays.fill(current, 0);
                    inRequest = true;
                    state = Segment.SEND;
                    start = t;
                } else if (log.tgid(i) == client && state == Segment.SEND) {
                    anomalies++; // a second write before the first left: restart the trip
                    java.util.Arrays.fill(current, 0);
                    start = t;
                } else if (state == Segment.USER && log.tgid(i) == userTgid) {
                    add(Segment.USER, t - start);
                    state = Segment.SEND;
                    start = t;
                }
            } else if (kind == EventLog.NET_DEV_QUEUE && log.length(i) >= dataAtQueue && state == Segment.SEND) {
                add(Segment.SEND, t - start);
                state = Segment.DEVICE;
                start = t;
                lastReceive = 0;
            } else if (kind == EventLog.NETIF_RECEIVE && log.length(i) >= dataAtReceive && state == Segment.DEVICE) {
                lastReceive = t;
            } else if (kind == EventLog.SK_DATA_READY && (state == Segment.DEVICE && lastReceive > 0
                    || state == Segment.SEND)) {
                if (state == Segment.DEVICE) {
                    add(Segment.DEVICE, lastReceive - start);
                    add(Segment.RECEIVE, t - lastReceive);
                } else {
                    add(Segment.SEND, t - start); // redirected: no device between the sockets
                }
                state = Segment.WAKEUP;
                start = t;
            } else if (kind == EventLog.SOCK_RECV && log.length(i) > 0 && state == Segment.WAKEUP) {
                add(Segment.WAKEUP, t - start);
                if (log.tgid(i) == client) {
                    for (int s = 0; s < SEGMENTS; s++) {
                        total[s] += current[s];
                    }
                    requests++;
                    inRequest = false;
                    state = null;
                } else {
                    state = Segment.USER;
                    userTgid = log.tgid(i);
                    start = t;
                }
            }
        }
    }

    private void add(Segment segment, long ns) {
        current[segment.ordinal()] += ns;
    }
}
