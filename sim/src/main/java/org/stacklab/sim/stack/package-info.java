/**
 * The one vocabulary of the simulator, the probe and the lab: stages, their layers and CPU categories,
 * directions, and the segments both sides time.
 */
package org.stacklab.sim.stack;
