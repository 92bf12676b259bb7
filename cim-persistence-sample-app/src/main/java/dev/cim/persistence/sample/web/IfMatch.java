package dev.cim.persistence.sample.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the version a write expects from its {@code If-Match} header, whose entity tags
 * are the versions that {@code ETag} gives out ({@code "3"}). Only one strong tag is
 * accepted: a weak tag ({@code W/"3"}), an unquoted or non-numeric tag, {@code *} or a
 * list of tags cannot name the one version a write must run at.
 */
final class IfMatch {

	private static final Pattern STRONG_VERSION_TAG = Pattern.compile("\"(0|[1-9][0-9]{0,17})\"");

	private IfMatch() {
	}

	/**
	 * The expected version.
	 * @param header the header's value, if any
	 * @return the version, or {@code null} when the header is absent
	 * @throws InvalidRequestException when the header is not one strong entity tag
	 * holding a version
	 */
	static @Nullable Long version(@Nullable String header) {
		if (header == null) {
			return null;
		}
		Matcher matcher = STRONG_VERSION_TAG.matcher(header.strip());
		if (!matcher.matches()) {
			throw new InvalidRequestException("If-Match must be one strong entity tag holding a version, such as "
					+ "\"3\" (as given by ETag); was " + ApiError.excerpt(header));
		}
		return Long.parseLong(matcher.group(1));
	}

}
