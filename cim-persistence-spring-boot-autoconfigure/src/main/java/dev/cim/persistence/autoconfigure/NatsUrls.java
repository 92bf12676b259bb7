package dev.cim.persistence.autoconfigure;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Makes server URLs safe to show: user information ({@code user:password@} or
 * {@code token@}) is removed.
 */
final class NatsUrls {

	private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^@/]*@");

	private static final Pattern USER_INFO_ANYWHERE = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^@/\\s,\\]]*@");

	private NatsUrls() {
	}

	static String withoutCredentials(@Nullable String url) {
		if (url == null) {
			return "(none)";
		}
		return USER_INFO.matcher(url).replaceFirst("$1");
	}

	static String redact(String text) {
		return USER_INFO_ANYWHERE.matcher(text).replaceAll("$1");
	}

	static List<String> withoutCredentials(List<String> urls) {
		return urls.stream().map(NatsUrls::withoutCredentials).toList();
	}

}
