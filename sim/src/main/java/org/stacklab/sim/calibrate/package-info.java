/**
 * Fitting the model to live recordings: a factor per cost context solved from the probe's segment
 * times, the measured distributions of the wake-ups, how they go together (a round trip's correlation, and
 * halt polling: a slow wake-up after a slow one), and where woken readers run.
 */
package org.stacklab.sim.calibrate;
