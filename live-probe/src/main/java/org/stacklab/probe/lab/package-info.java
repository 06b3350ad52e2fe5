/**
 * A mode's topology built for real: network namespaces and veth links, the iptables REDIRECTs its path
 * meets, the proxies' configuration, the processes in the lab's cgroups; and the cleanup of what a
 * crashed run left.
 */
package org.stacklab.probe.lab;
