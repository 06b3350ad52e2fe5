/**
 * The model of a request's traversal: processes as tasks on cores, each running the compiled script of
 * its part of the path, told to listeners stage visit by stage visit.
 */
package org.stacklab.sim.model;
