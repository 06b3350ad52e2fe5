/**
 * What each stage visit costs on a machine: a profile of base distributions with per-byte and per-rule
 * costs and their sources, what a timer costs the thread it wakes, and the sampler that draws from it.
 */
package org.stacklab.sim.cost;
