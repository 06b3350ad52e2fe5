/**
 * Path traces: stage visits recorded by the simulator or the probe alike, and their Perfetto export.
 */
package org.stacklab.sim.trace;
