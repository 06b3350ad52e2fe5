/**
 * Classroom lessons as data: a lesson folder's {@code lesson.yaml} (steps, questions, the modes and
 * stages they show), its Markdown narration rendered for the window and for a terminal, and the
 * questions with the figures they are computed from.
 */
package org.stacklab.lesson;
