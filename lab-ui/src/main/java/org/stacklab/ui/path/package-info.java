/**
 * What a mode's diagram shows, worked out from the mode's topology and resolved path alone: namespaces
 * and processes, passes through TCP/IP, REDIRECT hooks, the captions and headers of each step. No
 * JavaFX here, so it is tested plainly.
 */
package org.stacklab.ui.path;
