/**
 * Streaming statistics of a run and the report made of them: latency, crossings, segments, CPU time.
 */
package org.stacklab.sim.report;
