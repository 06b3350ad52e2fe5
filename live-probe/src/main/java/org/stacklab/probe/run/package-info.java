/**
 * One live measurement: the path probe attached to the lab, the workload driven, the kernel's events
 * walked into round trips, crossings and segment times, the machine's timers and its idle CPUs' wake-ups
 * timed apart from the network (the workload driver run outside a lab: {@code DriverOutput}), and the
 * recording that keeps them.
 */
package org.stacklab.probe.run;
