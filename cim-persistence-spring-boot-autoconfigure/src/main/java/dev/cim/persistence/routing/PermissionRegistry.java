package dev.cim.persistence.routing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subject permissions by principal and by role. A principal's effective permissions are
 * its own combined with those of each of its roles
 * ({@link SubjectPermissions#and(SubjectPermissions)}: allow and deny patterns
 * concatenated, so a role's deny pattern holds whatever another role allows). A principal
 * with neither its own permissions nor a registered role gets the registry's defaults, as
 * nats-server gives {@code default_permissions} to users without permissions of their
 * own; unless given others, the defaults deny everything.
 *
 * <p>
 * Thread-safe. Effective permissions are kept per principal and set of roles until the
 * registry changes, so a check does not rebuild them.
 */
public final class PermissionRegistry {

	/** Beyond this many principal and role combinations the kept ones are dropped. */
	private static final int MAX_KEPT = 10_000;

	private final SubjectPermissions defaults;

	private final Map<String, SubjectPermissions> principals = new ConcurrentHashMap<>();

	private final Map<String, SubjectPermissions> roles = new ConcurrentHashMap<>();

	private final Map<Key, SubjectPermissions> effective = new ConcurrentHashMap<>();

	/**
	 * A registry whose defaults deny everything.
	 */
	public PermissionRegistry() {
		this(SubjectPermissions.denyAll());
	}

	/**
	 * A registry with defaults for principals without permissions.
	 * @param defaults the permissions of a principal that has neither its own nor a
	 * registered role's
	 */
	public PermissionRegistry(SubjectPermissions defaults) {
		this.defaults = Objects.requireNonNull(defaults, "defaults");
	}

	/**
	 * Set a principal's own permissions, replacing any it had.
	 * @param principal the principal's name
	 * @param permissions its permissions
	 * @throws IllegalArgumentException when the name is blank
	 */
	public synchronized void putPrincipal(String principal, SubjectPermissions permissions) {
		this.principals.put(requireName(principal, "principal"), Objects.requireNonNull(permissions, "permissions"));
		this.effective.clear();
	}

	/**
	 * Set a role's permissions, replacing any it had.
	 * @param role the role's name
	 * @param permissions its permissions
	 * @throws IllegalArgumentException when the name is blank
	 */
	public synchronized void putRole(String role, SubjectPermissions permissions) {
		this.roles.put(requireName(role, "role"), Objects.requireNonNull(permissions, "permissions"));
		this.effective.clear();
	}

	/**
	 * Forget a principal's own permissions.
	 * @param principal the principal's name
	 * @return whether it had any
	 */
	public synchronized boolean removePrincipal(String principal) {
		boolean removed = this.principals.remove(principal) != null;
		this.effective.clear();
		return removed;
	}

	/**
	 * Forget a role's permissions.
	 * @param role the role's name
	 * @return whether it had any
	 */
	public synchronized boolean removeRole(String role) {
		boolean removed = this.roles.remove(role) != null;
		this.effective.clear();
		return removed;
	}

	/**
	 * A principal's own permissions, without its roles'.
	 * @param principal the principal's name
	 * @return its permissions, or empty when it has none of its own
	 */
	public Optional<SubjectPermissions> principal(String principal) {
		return Optional.ofNullable(this.principals.get(principal));
	}

	/**
	 * A role's permissions.
	 * @param role the role's name
	 * @return its permissions, or empty when the role is not registered
	 */
	public Optional<SubjectPermissions> role(String role) {
		return Optional.ofNullable(this.roles.get(role));
	}

	/**
	 * The defaults for principals without permissions.
	 * @return the defaults
	 */
	public SubjectPermissions defaults() {
		return this.defaults;
	}

	/**
	 * A principal's effective permissions without roles.
	 * @param principal the principal's name
	 * @return its own permissions, or the defaults
	 */
	public SubjectPermissions permissionsOf(String principal) {
		return permissionsOf(principal, List.of());
	}

	/**
	 * A principal's effective permissions: its own combined with its registered roles'
	 * (roles not registered add nothing), or the defaults when there are neither.
	 * @param principal the principal's name
	 * @param roles the principal's roles, in any order
	 * @return the permissions
	 */
	public SubjectPermissions permissionsOf(String principal, Collection<String> roles) {
		Key key = new Key(principal, new TreeSet<>(roles));
		SubjectPermissions kept = this.effective.get(key);
		if (kept != null) {
			return kept;
		}
		// Computed under the writers' lock, so that a change cannot slip in between
		// reading the parts and keeping the result.
		synchronized (this) {
			SubjectPermissions permissions = combine(principal, key.roles());
			if (this.effective.size() >= MAX_KEPT) {
				this.effective.clear();
			}
			this.effective.put(key, permissions);
			return permissions;
		}
	}

	private SubjectPermissions combine(String principal, Set<String> roles) {
		SubjectPermissions combined = this.principals.get(principal);
		for (String role : roles) {
			SubjectPermissions permissions = this.roles.get(role);
			if (permissions != null) {
				combined = (combined != null) ? combined.and(permissions) : permissions;
			}
		}
		return (combined != null) ? combined : this.defaults;
	}

	/**
	 * Decide a publish by a principal.
	 * @param principal the principal's name
	 * @param roles the principal's roles
	 * @param subject the literal subject published to
	 * @return the decision
	 * @throws IllegalArgumentException when the subject is not a valid literal subject
	 */
	public PermissionDecision checkPublish(String principal, Collection<String> roles, String subject) {
		return permissionsOf(principal, roles).checkPublish(subject);
	}

	/**
	 * Decide a subscription by a principal.
	 * @param principal the principal's name
	 * @param roles the principal's roles
	 * @param subjectOrPattern the subject or pattern subscribed to
	 * @return the decision
	 * @throws IllegalArgumentException when the pattern is invalid
	 */
	public PermissionDecision checkSubscribe(String principal, Collection<String> roles, String subjectOrPattern) {
		return permissionsOf(principal, roles).checkSubscribe(subjectOrPattern);
	}

	/**
	 * A principal's effective permissions as the {@code permissions} block of a user in
	 * nats-server's configuration file.
	 * @param principal the principal's name
	 * @param roles the principal's roles
	 * @return the block, see {@link SubjectPermissions#toServerConfig()}
	 */
	public String toServerConfig(String principal, Collection<String> roles) {
		return permissionsOf(principal, roles).toServerConfig();
	}

	/**
	 * A principal's effective permissions as the permissions of a NATS user JWT.
	 * @param principal the principal's name
	 * @param roles the principal's roles
	 * @return the JSON object, see {@link SubjectPermissions#toJwtJson()}
	 */
	public String toJwtJson(String principal, Collection<String> roles) {
		return permissionsOf(principal, roles).toJwtJson();
	}

	private static String requireName(String name, String what) {
		Objects.requireNonNull(name, what);
		if (name.isBlank()) {
			throw new IllegalArgumentException(what + " name '" + name + "' is blank");
		}
		return name;
	}

	private record Key(String principal, Set<String> roles) {
	}

}
