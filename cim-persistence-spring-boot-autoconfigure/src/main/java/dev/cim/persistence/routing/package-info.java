/**
 * Subjects and what selects them: the one rule every subject token taken from user data
 * must satisfy ({@link dev.cim.persistence.routing.SubjectTokens}), the id patterns that
 * select aggregates or entries ({@link dev.cim.persistence.routing.IdPattern}), NATS
 * subject patterns ({@link dev.cim.persistence.routing.SubjectPattern}), the
 * {@link dev.cim.persistence.routing.SubjectRouter} that matches subjects against many
 * routes through a token tree, and per-principal publish and subscribe permissions
 * ({@link dev.cim.persistence.routing.SubjectPermissions},
 * {@link dev.cim.persistence.routing.PermissionRegistry}) decided as nats-server decides
 * them and renderable as its configuration. Depends on the JDK only.
 */
@NullMarked
package dev.cim.persistence.routing;

import org.jspecify.annotations.NullMarked;
