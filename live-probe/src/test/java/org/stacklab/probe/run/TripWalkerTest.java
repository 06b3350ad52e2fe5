package org.stacklab.probe.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stacklab.probe.bpf.EventKind;
import org.stacklab.sim.report.Crossings;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;

/** The round trips the walker finds in synthetic event logs, without a kernel or root. */
class TripWalkerTest {

    private static final int CLIENT = 10;
    private static final int SERVER = 20;
    private static final int PROXY = 30;
    private static final int PAYLOAD = 64;

    /** What the walker told, one line per call. */
    private static final class Told implements TripWalker.Listener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void interval(Segment segment, Stage stage, long startNs, long endNs, int at) {
            calls.add(segment + " " + stage + " " + (endNs - startNs));
        }

        @Override
        public void tripEnded() {
            calls.add("ended");
        }

        @Override
        public void tripAbandoned() {
            calls.add("abandoned");
        }

        @Override
        public void wokenOn(boolean onWakersCpu, boolean ontoIdleCpu) {
            calls.add((onWakersCpu ? "woken on the waker's CPU" : "woken across CPUs")
                    + (ontoIdleCpu ? ", onto an idle CPU" : ""));
        }
    }

    private static List<String> walk(SyntheticEvents events, Set<Integer> proxies) {
        Told told = new Told();
        new TripWalker(events.log(), CLIENT, proxies, PAYLOAD).walk(told);
        return told.calls;
    }

    /** A reader woken across CPUs onto one that ran its idle task is told apart from one onto a busy CPU. */
    @Test
    void aWakeUpOntoAnIdleCpuIsToldApart() {
        SyntheticEvents events = new SyntheticEvents()
                .idle(0b10).redirected(CLIENT, SERVER, SyntheticEvents.CLIENT_POD, 0, 1, PAYLOAD)
                .idle(0).redirected(SERVER, CLIENT, SyntheticEvents.CLIENT_POD, 1, 0, PAYLOAD);
        List<String> woken = walk(events, Set.of()).stream().filter(c -> c.startsWith("woken")).toList();
        assertEquals(List.of("woken across CPUs, onto an idle CPU", "woken across CPUs"), woken);
    }

    @Test
    void aDirectRoundTripIsSendDeviceForwardReceiveWakeupEachWay() {
        SyntheticEvents events = new SyntheticEvents()
                .overVeth(CLIENT, SyntheticEvents.CLIENT_POD, SERVER, SyntheticEvents.SERVER_POD, 0, PAYLOAD)
                .after(4000) // the server's work
                .overVeth(SERVER, SyntheticEvents.SERVER_POD, CLIENT, SyntheticEvents.CLIENT_POD, 0, PAYLOAD);
        List<String> oneWay = List.of("SEND SOCK_SEND 1000", "DEVICE DEV_XMIT 1000", "DEVICE IP_FORWARD 1000",
                "DEVICE DEV_XMIT 1000", "RECEIVE TCP_RCV 1000", "WAKEUP WAKEUP 1000", "woken on the waker's CPU");
        List<String> expected = new ArrayList<>(oneWay);
        expected.add("APP APP_RECV 5000");
        expected.addAll(oneWay);
        expected.add("ended");
        assertEquals(expected, walk(events, Set.of()));
    }

    @Test
    void aProxysWorkIsTheProxySegmentAndARedirectSkipsTheDevices() {
        // client → proxy redirected (the reader on the other CPU), proxy → server over veth, and back.
        SyntheticEvents events = new SyntheticEvents()
                .redirected(CLIENT, PROXY, SyntheticEvents.CLIENT_POD, 0, 1, PAYLOAD)
                .after(2000)
                .overVeth(PROXY, SyntheticEvents.CLIENT_POD, SERVER, SyntheticEvents.SERVER_POD, 1, PAYLOAD)
                .overVeth(SERVER, SyntheticEvents.SERVER_POD, PROXY, SyntheticEvents.CLIENT_POD, 1, PAYLOAD)
                .redirected(PROXY, CLIENT, SyntheticEvents.CLIENT_POD, 1, 1, PAYLOAD);
        List<String> calls = walk(events, Set.of(PROXY));
        assertEquals(List.of("SEND SK_MSG_REDIRECT 1000", "WAKEUP WAKEUP 1000", "woken across CPUs",
                "PROXY PROXY 3000"), calls.subList(0, 4));
        assertEquals(List.of("APP APP_RECV 1000"), calls.stream().filter(c -> c.startsWith("APP")).toList(),
                "the server's work is the app's");
        assertEquals(2, calls.stream().filter(c -> c.startsWith("PROXY")).count(), "the proxy forwards each way");
        assertEquals("ended", calls.get(calls.size() - 1));
    }

    @Test
    void aSecondRedirectBeforeTheFirstArrivedAbandonsTheTrip() {
        SyntheticEvents events = new SyntheticEvents()
                .event(EventKind.MSG_REDIRECT, CLIENT, 0, SyntheticEvents.CLIENT_POD, 0, PAYLOAD)
                .event(EventKind.MSG_REDIRECT, CLIENT, 0, SyntheticEvents.CLIENT_POD, 0, PAYLOAD)
                .redirected(CLIENT, SERVER, SyntheticEvents.CLIENT_POD, 0, 0, PAYLOAD);
        assertEquals("abandoned", walk(events, Set.of()).get(0));
    }

    @Test
    void pureAcksAndTheSegmentTotalsOfTwoTrips() {
        SyntheticEvents events = new SyntheticEvents();
        for (int trip = 0; trip < 2; trip++) {
            events.overVeth(CLIENT, SyntheticEvents.CLIENT_POD, SERVER, SyntheticEvents.SERVER_POD, 0, PAYLOAD)
                    // an ACK: shorter than a data packet, it is no step of the trip
                    .event(EventKind.NET_DEV_QUEUE, SERVER, 0, SyntheticEvents.SERVER_POD, 9, 54)
                    .overVeth(SERVER, SyntheticEvents.SERVER_POD, CLIENT, SyntheticEvents.CLIENT_POD, 0, PAYLOAD);
        }
        TripWalker.SegmentTotals totals = new TripWalker.SegmentTotals(2);
        new TripWalker(events.log(), CLIENT, Set.of(), PAYLOAD).walk(totals);
        assertEquals(2, totals.trips());
        assertEquals(0, totals.abandoned());
        assertEquals(2.0, totals.usPerTrip().us(Segment.APP), 1e-9, "the server's read to its send, the ACK inside it");
        assertEquals(2.0, totals.usPerTrip().us(Segment.SEND), 1e-9);
        assertEquals(6.0, totals.usPerTrip().us(Segment.DEVICE), 1e-9, "two devices and a forward, each way");
        assertEquals(0.0, totals.usPerTrip().us(Segment.QUEUE), 1e-9, "one message in flight never queues");
        assertEquals(1.0, totals.shareOnWakersCpu(), 1e-9);
        assertEquals(List.of(List.of(1000L), List.of(1000L)), totals.wakeupsNs(), "the second trip's two wake-ups");
    }

    @Test
    void crossingsCountMessagesIntoTcpAndDataPacketsByDevice() {
        SyntheticEvents events = new SyntheticEvents()
                .overVeth(CLIENT, SyntheticEvents.CLIENT_POD, SERVER, SyntheticEvents.SERVER_POD, 0, PAYLOAD)
                .event(EventKind.NET_DEV_QUEUE, SERVER, 0, SyntheticEvents.SERVER_POD, EventLog.LOOPBACK_IFINDEX, 54)
                .overVeth(SERVER, SyntheticEvents.SERVER_POD, CLIENT, SyntheticEvents.CLIENT_POD, 0, PAYLOAD);
        Crossings.Counter counter = new Crossings.Counter();
        events.log().countCrossings(counter, PAYLOAD);
        assertEquals(new Crossings(2, 0, 4, 0, 0), counter.perRoundTrip(1), "an ACK on lo is no crossing");
    }
}
