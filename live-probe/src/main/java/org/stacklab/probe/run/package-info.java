/**
 * One live measurement: the path probe attached to the lab, the workload driven, the kernel's events
 * walked into round trips, crossings and segment times, the machine's timers timed apart from the network,
 * and the recording that keeps them.
 */
package org.stacklab.probe.run;
