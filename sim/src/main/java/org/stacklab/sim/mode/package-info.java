/**
 * A data-path mode: a topology plus the path resolved from it, read from one YAML file.
 */
package org.stacklab.sim.mode;
