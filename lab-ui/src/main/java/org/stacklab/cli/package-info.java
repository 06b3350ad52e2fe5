/**
 * The {@code stacklab} command line: one picocli subcommand per job (compare, sim, bench, scale,
 * calibrate, probe, lesson, lab, doctor), each turning user errors into one located line and exit code
 * 2.
 */
package org.stacklab.cli;
