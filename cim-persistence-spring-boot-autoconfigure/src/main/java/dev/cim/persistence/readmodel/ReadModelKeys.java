package dev.cim.persistence.readmodel;

import dev.cim.persistence.routing.SubjectTokens;

/**
 * The key layout of read models in the read-model bucket, and the names of projection
 * consumers.
 *
 * <ul>
 * <li>{@code {type}.{slot}.{id}}: one entry. The slot is {@code v{version}} for the
 * version's first build and {@code v{version}-r{n}} for its n-th explicit rebuild, so a
 * version being built never overwrites the one serving reads (blue/green).</li>
 * <li>{@code {type}.active}: the {@link ActiveVersion} record naming the slot that serves
 * reads and the slot being built, if any.</li>
 * <li>consumer {@code {prefix}-{type}-{slot}}: the durable consumer that fills a
 * slot.</li>
 * </ul>
 */
public final class ReadModelKeys {

	private static final String ACTIVE = "active";

	private ReadModelKeys() {
	}

	/**
	 * The slot of a version.
	 * @param version the schema version, from 1
	 * @param rebuild how many times the version was rebuilt explicitly, from 0
	 * @return {@code v{version}} or {@code v{version}-r{rebuild}}
	 */
	public static String slot(int version, int rebuild) {
		return "v" + version + ((rebuild > 0) ? "-r" + rebuild : "");
	}

	/**
	 * The schema version a slot holds.
	 * @param slot a slot built by {@link #slot(int, int)}
	 * @return the version
	 * @throws IllegalArgumentException when the slot is malformed
	 */
	public static int versionOf(String slot) {
		int dash = slot.indexOf('-');
		return parse(slot, slot.substring(1, (dash < 0) ? slot.length() : dash));
	}

	/**
	 * How many explicit rebuilds a slot's name counts.
	 * @param slot a slot built by {@link #slot(int, int)}
	 * @return the rebuild count, 0 for a version's first build
	 * @throws IllegalArgumentException when the slot is malformed
	 */
	public static int rebuildOf(String slot) {
		int dash = slot.indexOf("-r");
		return (dash < 0) ? 0 : parse(slot, slot.substring(dash + 2));
	}

	private static int parse(String slot, String number) {
		if (!slot.startsWith("v")) {
			throw new IllegalArgumentException("'" + slot + "' is not a read-model slot");
		}
		try {
			return Integer.parseInt(number);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + slot + "' is not a read-model slot", ex);
		}
	}

	/**
	 * The key of one entry.
	 * @param type the read-model type
	 * @param slot the slot
	 * @param id the entry id, a subject token
	 * @return {@code {type}.{slot}.{id}}
	 * @throws IllegalArgumentException when the id is not a valid token
	 */
	public static String entry(String type, String slot, String id) {
		return type + "." + slot + "." + SubjectTokens.require(id, "read model id");
	}

	/**
	 * The key filter matching every entry of a slot.
	 * @param type the read-model type
	 * @param slot the slot
	 * @return {@code {type}.{slot}.*}
	 */
	public static String entries(String type, String slot) {
		return type + "." + slot + ".*";
	}

	/**
	 * The key of the record naming the active slot.
	 * @param type the read-model type
	 * @return {@code {type}.active}
	 */
	public static String active(String type) {
		return type + "." + ACTIVE;
	}

	/**
	 * The id of an entry key.
	 * @param key a key built by {@link #entry}
	 * @return its last token
	 */
	public static String idOf(String key) {
		return key.substring(key.lastIndexOf('.') + 1);
	}

	/**
	 * The name of the durable consumer that fills a slot.
	 * @param prefix the consumer name prefix
	 * @param type the read-model type
	 * @param slot the slot
	 * @return {@code {prefix}-{type}-{slot}}
	 */
	public static String consumer(String prefix, String type, String slot) {
		return prefix + "-" + type + "-" + slot;
	}

}
