/**
 * From one node to a cluster: the packet-by-packet cluster run and the bill of proxies' CPU and
 * memory.
 */
package org.stacklab.sim.scale;
