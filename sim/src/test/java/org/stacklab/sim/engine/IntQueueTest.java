package org.stacklab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class IntQueueTest {

    /**
     * Adds, removals of the oldest and removals from within, in any mix (the ring wrapped and grown on the
     * way), leave what a list would: the same items in the same order.
     */
    @Property
    void itHoldsWhatAListWould(@ForAll @Size(max = 200) List<@IntRange(min = -1, max = 40) Integer> operations) {
        IntQueue queue = new IntQueue();
        List<Integer> reference = new ArrayList<>();
        int next = 0;
        for (int operation : operations) {
            if (operation < 0 || reference.isEmpty()) {
                queue.add(next);
                reference.add(next++);
            } else if (operation == 0) {
                assertEquals(reference.remove(0), queue.remove());
            } else {
                int index = operation % reference.size();
                assertEquals(reference.remove(index), queue.removeAt(index));
            }
            assertEquals(reference.toString(), queue.toString());
        }
    }
}
