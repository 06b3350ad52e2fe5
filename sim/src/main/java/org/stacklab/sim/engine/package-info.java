/**
 * The discrete-event engine: the event set, the simulator's clock and handlers, CPU cores with run
 * queues, and named random streams. Knows nothing of networks.
 */
package org.stacklab.sim.engine;
