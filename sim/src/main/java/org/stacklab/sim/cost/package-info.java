/**
 * What each stage visit costs on a machine: a profile of base distributions with per-byte and per-rule
 * costs and their sources, where a woken reader runs and what that changes (a busy CPU, a warm cache, and
 * which hump of its wake-ups an idle one's falls in: halt polling), what a timer costs the thread it wakes,
 * and the sampler that draws from it.
 */
package org.stacklab.sim.cost;
