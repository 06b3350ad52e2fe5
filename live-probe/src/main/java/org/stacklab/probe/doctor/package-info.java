/**
 * What this machine can do for the live probe: root, kernel features, tools and packages, checked one
 * by one and reported with what to do.
 */
package org.stacklab.probe.doctor;
