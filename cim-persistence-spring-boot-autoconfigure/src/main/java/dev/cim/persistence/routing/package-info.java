/**
 * Subjects and their parts: the one rule every subject token taken from user data must
 * satisfy ({@link dev.cim.persistence.routing.SubjectTokens}) and the id patterns that
 * select aggregates or entries ({@link dev.cim.persistence.routing.IdPattern}). Depends
 * on the JDK only.
 */
@NullMarked
package dev.cim.persistence.routing;

import org.jspecify.annotations.NullMarked;
