package dev.cim.persistence.sample.web;

import org.jspecify.annotations.Nullable;

/**
 * Reads the version a write expects from its {@code If-Match} header, whose entity tags
 * are the versions that {@code ETag} gives out ({@code "3"}).
 */
final class IfMatch {

	private IfMatch() {
	}

	/**
	 * The expected version.
	 * @param header the header's value, if any
	 * @return the version, or {@code null} when the header is absent or {@code *}
	 * @throws InvalidRequestException when the header is not one entity tag holding a
	 * version
	 */
	static @Nullable Long version(@Nullable String header) {
		if (header == null || header.isBlank() || header.trim().equals("*")) {
			return null;
		}
		String tag = header.trim();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
			tag = tag.substring(1, tag.length() - 1);
		}
		if (!tag.matches("[0-9]{1,18}")) {
			throw new InvalidRequestException(
					"If-Match must be one entity tag holding a version, such as \"3\"; was " + header);
		}
		return Long.parseLong(tag);
	}

}
