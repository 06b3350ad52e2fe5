/**
 * Running a loaded scenario: one mode, all its modes compared, or a step-through for the lab.
 */
package org.stacklab.sim.run;
