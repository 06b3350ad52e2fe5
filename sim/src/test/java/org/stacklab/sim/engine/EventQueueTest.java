package org.stacklab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
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
        EventQueue queue = new EventQueue(16);
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
}
