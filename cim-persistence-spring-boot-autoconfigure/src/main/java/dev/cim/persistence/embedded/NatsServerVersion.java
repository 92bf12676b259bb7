package dev.cim.persistence.embedded;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code major.minor.patch} version of a nats-server. A pre-release or build suffix
 * ({@code -RC.1}) is not part of it.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 */
public record NatsServerVersion(int major, int minor, int patch) implements Comparable<NatsServerVersion> {

	/**
	 * The oldest nats-server this library works with: 2.12 brought atomic batch publish,
	 * and older servers lack {@code Nats-Expected-Last-Subject-Sequence-Subject} or get
	 * concurrent expectations wrong.
	 */
	public static final NatsServerVersion MINIMUM = new NatsServerVersion(2, 12, 0);

	private static final Pattern EXACT = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)(?:[-+].*)?");

	private static final Pattern IN_TEXT = Pattern.compile("\\bv(\\d+)\\.(\\d+)\\.(\\d+)");

	private static final Comparator<NatsServerVersion> ORDER = Comparator.comparingInt(NatsServerVersion::major)
		.thenComparingInt(NatsServerVersion::minor)
		.thenComparingInt(NatsServerVersion::patch);

	/**
	 * Create a version.
	 * @param major the major version, not negative
	 * @param minor the minor version, not negative
	 * @param patch the patch version, not negative
	 */
	public NatsServerVersion {
		if (major < 0 || minor < 0 || patch < 0) {
			throw new IllegalArgumentException(
					"Version numbers must not be negative: " + major + "." + minor + "." + patch);
		}
	}

	/**
	 * Parse a version written as {@code 2.15.1} or {@code v2.15.1}, optionally followed
	 * by a pre-release or build suffix.
	 * @param text the version
	 * @return the version
	 * @throws IllegalArgumentException if the text is not a version
	 */
	public static NatsServerVersion parse(String text) {
		Matcher matcher = EXACT.matcher(text.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a nats-server version: '" + text + "'");
		}
		return of(matcher);
	}

	/**
	 * Find the version in the output of {@code nats-server --version}, for example
	 * {@code nats-server: v2.15.1}.
	 * @param output what the server printed
	 * @return the first {@code vX.Y.Z} in the output, or empty if there is none
	 */
	public static Optional<NatsServerVersion> findIn(String output) {
		Matcher matcher = IN_TEXT.matcher(output);
		return matcher.find() ? Optional.of(of(matcher)) : Optional.empty();
	}

	private static NatsServerVersion of(Matcher matcher) {
		try {
			return new NatsServerVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
					Integer.parseInt(matcher.group(3)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Version number out of range: '" + matcher.group() + "'", ex);
		}
	}

	/**
	 * Whether this version is the given one or newer.
	 * @param other the version to compare with
	 * @return {@code true} if this version is at least {@code other}
	 */
	public boolean isAtLeast(NatsServerVersion other) {
		return compareTo(other) >= 0;
	}

	@Override
	public int compareTo(NatsServerVersion other) {
		return ORDER.compare(this, other);
	}

	/**
	 * The version as {@code major.minor.patch}.
	 * @return the version, for example {@code 2.15.1}
	 */
	@Override
	public String toString() {
		return this.major + "." + this.minor + "." + this.patch;
	}

}
