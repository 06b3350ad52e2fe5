/**
 * Scenarios, modes and profiles as files: the catalog of built-in ones, references to them, and the
 * YAML reader that locates every error at its line and column.
 */
package org.stacklab.sim.scenario;
