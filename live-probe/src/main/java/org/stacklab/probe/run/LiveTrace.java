package org.stacklab.probe.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.trace.StageVisit;

/**
 * Turns the first round trips followed by a {@link TripWalker} into path-trace visits, in the same
 * format as the simulator's, so that the lab draws a measured trip like a simulated one.
 */
final class LiveTrace implements TripWalker.Listener {

    private final EventLog log;
    private final Map<Integer, String> namespaceByInode;
    private final int server;
    private final long limit;
    private final int requestBytes;
    private final int responseBytes;
    private final List<StageVisit> visits = new ArrayList<>();
    private final List<StageVisit> current = new ArrayList<>();
    private Direction direction = Direction.REQUEST;
    private long trip;

    /**
     * @param namespaceByInode the lab's namespace names by their inode numbers
     * @param serverTgid       the server's process id: after its work the response is under way
     * @param limit            how many round trips to keep
     */
    LiveTrace(EventLog log, Map<Integer, String> namespaceByInode, int serverTgid, long limit, int requestBytes,
              int responseBytes) {
        this.log = log;
        this.namespaceByInode = namespaceByInode;
        this.server = serverTgid;
        this.limit = limit;
        this.requestBytes = requestBytes;
        this.responseBytes = responseBytes;
    }

    @Override
    public void interval(Segment segment, Stage stage, long startNs, long endNs, int at) {
        if (trip >= limit) {
            return;
        }
        String device = stage == Stage.DEV_XMIT
                ? log.device(at) : null;
        current.add(new StageVisit(trip, direction, stage, namespaceByInode.getOrDefault(log.netns(at), "?"), device,
                log.cpu(at), startNs, endNs, direction == Direction.REQUEST ? requestBytes : responseBytes));
        if (segment == Segment.APP && log.tgid(at) == server) {
            direction = Direction.RESPONSE; // the server answered
        }
    }

    @Override
    public void tripEnded() {
        visits.addAll(current);
        current.clear();
        direction = Direction.REQUEST;
        trip++;
    }

    @Override
    public void tripAbandoned() {
        current.clear();
        direction = Direction.REQUEST;
    }

    /** The visits of the kept round trips, each trip's in time order. */
    List<StageVisit> visits() {
        return List.copyOf(visits);
    }

    /** Tells both listeners. */
    static TripWalker.Listener both(TripWalker.Listener a, TripWalker.Listener b) {
        return new TripWalker.Listener() {
            @Override
            public void interval(Segment segment, Stage stage, long startNs, long endNs, int at) {
                a.interval(segment, stage, startNs, endNs, at);
                b.interval(segment, stage, startNs, endNs, at);
            }

            @Override
            public void tripEnded() {
                a.tripEnded();
                b.tripEnded();
            }

            @Override
            public void tripAbandoned() {
                a.tripAbandoned();
                b.tripAbandoned();
            }

            @Override
            public void wokenOn(boolean onWakersCpu, boolean ontoIdleCpu) {
                a.wokenOn(onWakersCpu, ontoIdleCpu);
                b.wokenOn(onWakersCpu, ontoIdleCpu);
            }
        };
    }
}
