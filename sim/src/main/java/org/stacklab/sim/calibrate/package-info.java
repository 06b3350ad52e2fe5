/**
 * Fitting the model to live recordings: a factor per cost context solved from the probe's segment
 * times, and the measured distributions of the wake-ups.
 */
package org.stacklab.sim.calibrate;
