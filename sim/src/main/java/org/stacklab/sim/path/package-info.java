/**
 * A mode's path: the hops the kernel sends a request along (with the REDIRECTs that turn them), and
 * the per-process scripts of stage steps compiled from them.
 */
package org.stacklab.sim.path;
