package org.stacklab.probe.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.stacklab.probe.bpf.EventKind;
import org.stacklab.probe.bpf.EventLayout;

/** The event layout of bpf/include/stacklab.h, read without a kernel. */
class EventLogTest {

    private static void putEvent(ByteBuffer to, int at, long ktime, int kind, int tgid, int length) {
        to.putLong(at, ktime).putLong(at + 8, 0xABCDL).putInt(at + 16, kind).putInt(at + 20, 1)
                .putInt(at + 24, tgid).putInt(at + 28, 12345).putInt(at + 32, 2)
                .putInt(at + 36, length);
    }

    @Test
    void aCpusPartialBatchIsReadUpToItsCountAndItsLossesAreReported() {
        ByteBuffer batch = ByteBuffer.allocate(EventLayout.BATCH_SIZE).order(ByteOrder.nativeOrder());
        batch.putInt(0, 3).putInt(4, 0).putLong(8, 32);
        putEvent(batch, 16, 300, EventKind.SOCK_RECV.code(), 7, 64);
        putEvent(batch, 16 + EventLayout.EVENT_SIZE, 100, EventKind.TCP_SENDMSG.code(), 7, 64);
        putEvent(batch, 16 + 2 * EventLayout.EVENT_SIZE, 200, EventKind.NET_DEV_QUEUE.code(), 7, 118);
        putEvent(batch, 16 + 3 * EventLayout.EVENT_SIZE, 999, EventKind.SK_DATA_READY.code(), 9, 0); // beyond the count

        EventLog log = new EventLog();
        assertEquals(32, log.acceptUnwritten(batch), "events of whole batches lost");
        assertEquals(3, log.size());
        int[] order = log.timeOrder();
        assertArrayEquals(new int[] {1, 2, 0}, order);
        assertEquals(EventKind.TCP_SENDMSG, log.kind(order[0]));
        assertEquals(118, log.length(order[1]));
        assertEquals(7, log.tgid(order[2]));
        assertEquals(2, log.ifindex(order[2]));
    }

    @Test
    void aBatchIsOneHeaderAndSixteenEvents() {
        assertEquals(16 + 16 * 48, EventLayout.BATCH_SIZE, "sizeof(struct stacklab_batch)");
    }
}
