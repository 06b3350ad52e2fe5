/**
 * A topology as data: namespaces with their interceptions and forwarding, processes and their roles,
 * veth links (optionally an overlay between nodes), socket-level redirect and a service in front of the
 * server; and {@link org.stacklab.sim.topology.TwoNodes}, which puts any one-node topology's pods on two
 * nodes.
 */
package org.stacklab.sim.topology;
