package dev.cim.persistence.nats;

/**
 * The range checks of {@link NatsRepositoryConfig}, each failing with an
 * {@link IllegalArgumentException} that names the setting.
 */
final class ConfigChecks {

	private ConfigChecks() {
	}

	/**
	 * Require a name JetStream accepts for a stream or bucket: 1 to 64 characters, none
	 * of them {@code . * > / \}, white space or a control character.
	 * @param what the setting, for the message
	 * @param name the name
	 */
	static void requireName(String what, String name) {
		if (name == null || name.isEmpty() || name.length() > 64) {
			throw new IllegalArgumentException(what + " must be 1 to 64 characters, was " + quote(name));
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '.' || c == '*' || c == '>' || c == '/' || c == '\\' || Character.isWhitespace(c)
					|| Character.isISOControl(c)) {
				throw new IllegalArgumentException(what + " " + quote(name) + " contains a character not allowed in a"
						+ " stream or bucket name at index " + i);
			}
		}
	}

	/**
	 * Require a value of at least a minimum.
	 * @param what the setting, for the message
	 * @param value the value
	 * @param min the smallest value allowed
	 */
	static void requireAtLeast(String what, int value, int min) {
		if (value < min) {
			throw new IllegalArgumentException(what + " must be at least " + min + ", was " + value);
		}
	}

	/**
	 * A value as a message quotes it.
	 * @param name the value, possibly {@code null}
	 * @return the value in single quotes, or {@code null}
	 */
	static String quote(String name) {
		return (name != null) ? "'" + name + "'" : "null";
	}

}
