/**
 * Classroom lessons as data: a lesson folder's {@code lesson.yaml} (steps, questions, the modes and
 * stages they show), its Markdown narration, and the players that walk it in the lab window or on a
 * terminal.
 */
package org.stacklab.lesson;
