package org.stacklab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class EventQueueTest {

    private record Event(long time, long sequence, int handler, int argument) {
    }

    /**
     * Whatever is scheduled (delays short and long, many at the same nanosecond, adds between removals), the
     * events come out as a heap ordered by time, then by schedule order, gives them; replacing the first
     * event is the same as removing it and adding the new one.
     */
    @Property(tries = 300)
    void eventsComeOutByTimeThenScheduleOrder(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
                                              @ForAll @IntRange(min = 1, max = 3000) int operations,
                                              @ForAll @IntRange(min = 0, max = 40) int delayBits) {
        SplittableRandom random = new SplittableRandom(seed);
        EventQueue queue = new EventQueue();
        PriorityQueue<Event> reference = new PriorityQueue<>((a, b) -> a.time != b.time
                ? Long.compare(a.time, b.time) : Long.compare(a.sequence, b.sequence));
        long now = 0;
        long sequence = 0;
        for (int op = 0; op < operations; op++) {
            if (reference.isEmpty() || random.nextInt(3) > 0) {
                long delay = delayBits == 0 ? 0 : random.nextInt(4) == 0 ? 0 : random.nextLong(1L << delayBits);
                int handler = random.nextInt(50);
                int argument = random.nextInt();
                queue.add(now + delay, handler, argument);
                reference.add(new Event(now + delay, sequence++, handler, argument));
            } else {
                Event expected = reference.poll();
                assertEquals(expected.time(), queue.peekTime());
                assertEquals(expected.handler(), queue.peekHandler());
                assertEquals(expected.argument(), queue.peekArgument());
                now = expected.time();
                if (random.nextBoolean()) {
                    queue.removeFirst();
                } else {
                    long delay = delayBits == 0 ? 0 : random.nextLong(1L << delayBits);
                    int argument = random.nextInt();
                    queue.replaceFirst(now + delay, 7, argument);
                    reference.add(new Event(now + delay, sequence++, 7, argument));
                }
            }
            assertEquals(reference.size(), queue.size());
        }
        while (!reference.isEmpty()) {
            Event expected = reference.poll();
            assertEquals(expected.time(), queue.peekTime());
            assertEquals(expected.argument(), queue.peekArgument());
            queue.removeFirst();
        }
    }

    /**
     * Either way of keeping the events, alone, over any mix of adds, removals and replacements (a key never
     * below the last removed): the least key first, and its payload with it; keys mapped in order stay in
     * order; the pending keys are those added and not removed. The heap and the tournament tree are both
     * grown past their first capacity here, and the queue above passes from one to the other and back.
     */
    @Property(tries = 200)
    void eachOrderGivesTheLeastKeyFirst(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
                                        @ForAll @IntRange(min = 1, max = 3000) int operations,
                                        @ForAll boolean tournament) {
        SplittableRandom random = new SplittableRandom(seed);
        EventOrder order = tournament ? new TournamentOrder(4) : new HeapOrder(4);
        java.util.TreeMap<Long, Long> reference = new java.util.TreeMap<>();
        long floor = 0;
        for (int op = 0; op < operations; op++) {
            long key = floor + random.nextLong(1L << 30);
            if (reference.containsKey(key)) {
                continue; // keys are distinct, as the queue makes them
            }
            if (reference.isEmpty() || random.nextInt(3) > 0) {
                order.add(key, key * 3);
                reference.put(key, key * 3);
            } else {
                assertEquals(reference.firstKey(), order.firstKey());
                assertEquals(reference.firstEntry().getValue(), order.firstPayload());
                floor = reference.pollFirstEntry().getKey();
                if (random.nextBoolean() || key < floor) {
                    order.removeFirst();
                } else {
                    order.replaceFirst(key, key * 3);
                    reference.put(key, key * 3);
                }
            }
            assertEquals(reference.size(), order.size());
            if (op % 500 == 499) {
                long[] pending = order.pendingKeys();
                java.util.Arrays.sort(pending);
                assertEquals(java.util.List.copyOf(reference.keySet()),
                        java.util.Arrays.stream(pending).boxed().toList());
                order.mapKeys(k -> 2 * k);
                java.util.TreeMap<Long, Long> doubled = new java.util.TreeMap<>();
                reference.forEach((k, v) -> doubled.put(2 * k, v));
                reference = doubled;
                floor *= 2;
            }
        }
        while (!reference.isEmpty()) {
            assertEquals(reference.firstKey(), order.firstKey());
            assertEquals(reference.pollFirstEntry().getValue(), order.firstPayload());
            order.removeFirst();
        }
        assertEquals(0, order.size());
    }

    /**
     * Schedule numbers run out after 2^23 events and are renumbered: events pending across it keep their
     * order, also against events scheduled later at the same nanosecond; times far past the key's span from
     * zero rebase without reordering anything, and one further than the span from the last event fired is
     * refused.
     */
    @Example
    void renumberingAndRebasingKeepTheOrder() {
        EventQueue queue = new EventQueue();
        long far = 3 * EventQueue.MAX_SPAN_NS / 4;
        queue.add(far, 1, -1);
        queue.add(far, 1, -2);
        long now = 0;
        for (int i = 0; i < (1 << EventQueue.SEQUENCE_BITS) + 1000; i++) {
            queue.add(now + 1, 0, i);
            queue.add(now + 1, 0, i + 1);
            assertEquals(i, queue.peekArgument());
            queue.removeFirst();
            assertEquals(i + 1, queue.peekArgument());
            queue.removeFirst();
            now++;
        }
        queue.add(far, 1, -3);
        for (int expected = -1; expected >= -3; expected--) {
            assertEquals(expected, queue.peekArgument());
            assertEquals(far, queue.peekTime());
            queue.removeFirst();
        }
        long late = far + EventQueue.MAX_SPAN_NS / 2;
        queue.add(late, 1, -4);
        queue.add(far, 1, -5);
        assertEquals(-5, queue.peekArgument());
        assertEquals(far, queue.peekTime());
        queue.removeFirst();
        assertEquals(late, queue.peekTime());
        assertThrows(IllegalStateException.class, () -> queue.add(late + EventQueue.MAX_SPAN_NS, 0, 0),
                "further than the key's span from the last event fired");
        queue.removeFirst();
        assertEquals(0, queue.size());
    }
}
