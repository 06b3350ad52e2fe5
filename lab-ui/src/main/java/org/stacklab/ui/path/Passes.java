package org.stacklab.ui.path;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.trace.StageVisit;

/**
 * Which pass (hop) of its direction each visit of a request belongs to, read from the visits
 * alone, so that simulated and measured traces (which observe fewer stages) place alike: a pass
 * begins where a process starts to send (its write, the socket's send, or the sk_msg redirect)
 * after anything else; the receiving process's own work after its read stays with the pass that
 * brought the message.
 */
public final class Passes {

    /** The stages with which a process starts a send. */
    private static final Set<Stage> STARTS = EnumSet.of(Stage.APP_SEND, Stage.SOCK_SEND, Stage.SK_MSG_REDIRECT);

    private Passes() {
    }

    /** The pass index (from 0, per direction) of each visit of one request's visits, in order. */
    public static int[] of(List<StageVisit> requestVisits) {
        int[] index = new int[requestVisits.size()];
        Map<Direction, Integer> current = new java.util.EnumMap<>(Direction.class);
        Map<Direction, StageVisit> previous = new java.util.EnumMap<>(Direction.class);
        Set<Direction> sent = EnumSet.noneOf(Direction.class);
        for (int i = 0; i < requestVisits.size(); i++) {
            StageVisit v = requestVisits.get(i);
            Direction d = v.direction() == Direction.CONNECT ? Direction.REQUEST : v.direction(); // set-up rides the request
            StageVisit before = previous.get(d);
            int pass = current.getOrDefault(d, 0);
            if (STARTS.contains(v.stage()) && sent.contains(d) && !STARTS.contains(before.stage())) {
                pass++;
            }
            if (STARTS.contains(v.stage()) && v.direction() != Direction.CONNECT) {
                sent.add(d); // what came before the first send (the client's own wake-up) is on the first pass
            }
            if (v.direction() != Direction.CONNECT) {
                current.put(d, pass);
                previous.put(d, v);
                index[i] = pass;
            } else {
                // A process opens its connection just before it first sends on it: after the message of the
                // pass before reached it (and its user-space work), the set-up belongs to the next pass.
                boolean handedOn = before != null && before.stage().layer() == org.stacklab.sim.stack.Layer.USER
                        && before.stage() != Stage.APP_SEND;
                index[i] = before == null ? 0 : pass + (handedOn ? 1 : 0);
            }
        }
        return index;
    }

    /**
     * Which visits come before their direction's first send: the sending process's own wake-up (a
     * client switched in to write its request), drawn at the sender, not at the pass's receiver.
     */
    public static boolean[] beforeFirstSend(List<StageVisit> requestVisits) {
        boolean[] before = new boolean[requestVisits.size()];
        Set<Direction> sent = EnumSet.noneOf(Direction.class);
        for (int i = 0; i < requestVisits.size(); i++) {
            StageVisit v = requestVisits.get(i);
            if (STARTS.contains(v.stage())) {
                sent.add(v.direction());
            }
            before[i] = v.direction() != Direction.CONNECT && !sent.contains(v.direction());
        }
        return before;
    }

    /**
     * Where a visit of a trace belongs.
     *
     * @param pass            its pass index, from 0 per direction
     * @param beforeFirstSend whether it comes before its direction's first send (see {@link #beforeFirstSend})
     */
    public record Place(int pass, boolean beforeFirstSend) {
    }

    /** The place of every visit of a whole trace (many requests, interleaved), by identity. */
    public static Map<StageVisit, Place> ofTrace(List<StageVisit> trace) {
        Map<Long, List<StageVisit>> byRequest = new java.util.HashMap<>();
        for (StageVisit v : trace) {
            byRequest.computeIfAbsent(v.request(), r -> new ArrayList<>()).add(v);
        }
        Map<StageVisit, Place> places = new IdentityHashMap<>();
        for (List<StageVisit> visits : byRequest.values()) {
            int[] index = of(visits);
            boolean[] before = beforeFirstSend(visits);
            for (int i = 0; i < visits.size(); i++) {
                places.put(visits.get(i), new Place(index[i], before[i]));
            }
        }
        return places;
    }
}
