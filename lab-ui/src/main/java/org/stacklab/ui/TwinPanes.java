package org.stacklab.ui;

import java.util.Arrays;
import java.util.List;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.trace.StageVisit;
import org.stacklab.ui.path.Passes;

/**
 * The lab's two panes stepped as one, so that a class compares the same request in both modes: a step
 * forward moves the pane that is behind (a pane that has finished the request waits for the other), a
 * jump takes each pane on to its next trip, proxy or device, and both go back to the start together.
 */
final class TwinPanes {

    /** Steps a jump or a lesson's directive takes at most, looking for a stage a mode may not have. */
    static final int MAX_STEPS_TO_FIND_A_STAGE = 500;

    /** Where a jump stops: at the next trip, proxy or device of each pane's path. */
    enum Jump {
        TRIP("Next trip (Shift+→)"), PROXY("Next proxy"), DEVICE("Next device");

        final String label;

        Jump(String label) {
            this.label = label;
        }
    }

    private final PaneView left;
    private final PaneView right;

    TwinPanes(PaneView left, PaneView right) {
        this.left = left;
        this.right = right;
    }

    List<PaneView> both() {
        return List.of(left, right);
    }

    /** One step of both panes, kept on the same request; false when neither moved. */
    boolean step(boolean forward) {
        if (forward) {
            long l = left.nextRequestNumber().orElse(Long.MAX_VALUE);
            long r = right.nextRequestNumber().orElse(Long.MAX_VALUE);
            boolean leftMoved = l <= r && left.forward().isPresent();
            boolean rightMoved = r <= l && right.forward().isPresent();
            return leftMoved || rightMoved;
        }
        boolean leftMoved = left.back().isPresent();
        boolean rightMoved = right.back().isPresent();
        return leftMoved || rightMoved;
    }

    /** Steps each pane on to its next trip, proxy or device visit. */
    void jump(Jump to) {
        for (PaneView pane : both()) {
            int[] before = passAt(pane.currentRequest());
            pane.forwardUntil((visits, visit) -> switch (to) {
                case TRIP -> !Arrays.equals(before, passAt(visits));
                case PROXY -> visit.stage() == Stage.PROXY;
                case DEVICE -> visit.stage() == Stage.DEV_XMIT;
            }, MAX_STEPS_TO_FIND_A_STAGE);
        }
    }

    /** Each pane whose mode has the stage stops at its first visit; one that has none (SK_MSG_REDIRECT in direct) stays. */
    void advanceTo(Stage stage) {
        left.advanceTo(stage, MAX_STEPS_TO_FIND_A_STAGE);
        right.advanceTo(stage, MAX_STEPS_TO_FIND_A_STAGE);
    }

    void nextRequest() {
        left.nextRequest();
        right.nextRequest();
    }

    void reset() {
        left.reset();
        right.reset();
    }

    /** The direction and pass of a request's last visit so far, as a pair to compare. */
    private static int[] passAt(List<StageVisit> requestVisits) {
        if (requestVisits.isEmpty()) {
            return new int[] {-1, -1, -1};
        }
        int[] passes = Passes.of(requestVisits);
        StageVisit last = requestVisits.get(requestVisits.size() - 1);
        return new int[] {(int) last.request(), last.direction().ordinal(), passes[passes.length - 1]};
    }
}
