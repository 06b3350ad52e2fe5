/**
 * Reading and writing files safely: atomic writes that never leave a half-written file, JSON, and
 * values refused with the field at fault.
 */
package org.stacklab.sim.io;
