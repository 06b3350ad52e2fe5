package org.stacklab.sim.model;

/**
 * What one event of the model stands for. A process that has a core runs its turn — the stages of
 * one message, back to back — without giving the core up, so nothing another core does can change
 * when the turn's stages begin and end: they can be worked out at the turn's start as well as one
 * event at a time.
 */
public enum EventGrain {
    /**
     * One event a stage: each stage's visit is reported as it ends, in the order of time, as a trace
     * or a classroom step-through needs.
     */
    STAGE,
    /**
     * One event a turn: its stages' visits are reported, with the same times, as the turn begins.
     * About ten times fewer events for the totals of a run, which do not depend on the order visits
     * are reported in; the draws of two cores from one stage's stream fall in another order, so the
     * figures differ from {@link #STAGE}'s as two seeds do.
     */
    TURN
}
