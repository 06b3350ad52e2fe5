/**
 * What the client does: closed or open loop, connections, message sizes, new connections or
 * persistent.
 */
package org.stacklab.sim.workload;
