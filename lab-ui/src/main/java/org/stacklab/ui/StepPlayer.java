package org.stacklab.ui;

import javafx.animation.AnimationTimer;

/**
 * Plays the panes on the screen's frame clock: while playing, as many steps a frame as the speed
 * has made due (steps per second), or in the flow view as much simulated time (speed × 10 µs per
 * second); it stops itself at the end of the traces.
 */
final class StepPlayer extends AnimationTimer {

    /** Simulated nanoseconds per second of real time, per unit of speed, in the flow view. */
    static final double FLOW_NS_PER_SPEED_UNIT = 10_000;

    /** What the player drives. */
    interface Panes {
        boolean playing();

        double stepsPerSecond();

        boolean inFlow();

        /** Moves the flow on by {@code ns}; false once it has played to its end. */
        boolean advanceFlow(long ns);

        /** One step of both panes together; false once neither can move. */
        boolean step();

        /** The end was reached: stop playing. */
        void ended();
    }

    private final Panes panes;
    private long last;
    private double owed; // steps due but not yet taken
    private long frames;

    StepPlayer(Panes panes) {
        this.panes = panes;
    }

    @Override
    public void handle(long now) {
        if (!panes.playing() || last == 0) {
            last = now;
            owed = 0;
            return;
        }
        if (panes.inFlow()) {
            long ns = (long) ((now - last) / 1e9 * panes.stepsPerSecond() * FLOW_NS_PER_SPEED_UNIT);
            last = now;
            frames++;
            if (!panes.advanceFlow(ns)) {
                panes.ended();
            }
            return;
        }
        owed += (now - last) / 1e9 * panes.stepsPerSecond();
        last = now;
        for (; owed >= 1; owed--) {
            if (!panes.step()) {
                panes.ended();
                owed = 0;
            }
        }
    }

    /** Frames drawn in the flow view; the lab's benchmark counts them. */
    long flowFrames() {
        return frames;
    }
}
