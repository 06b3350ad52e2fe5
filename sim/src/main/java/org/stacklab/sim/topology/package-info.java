/**
 * A topology as data: namespaces with their interceptions, processes and their roles, veth links, and
 * socket-level redirect.
 */
package org.stacklab.sim.topology;
