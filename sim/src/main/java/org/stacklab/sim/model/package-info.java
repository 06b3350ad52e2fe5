/**
 * The model of a request's traversal: processes as tasks on cores, each running the compiled script of
 * its part of the path, told to listeners stage visit by stage visit, one event a stage or one a turn
 * ({@link org.stacklab.sim.model.EventGrain}).
 */
package org.stacklab.sim.model;
