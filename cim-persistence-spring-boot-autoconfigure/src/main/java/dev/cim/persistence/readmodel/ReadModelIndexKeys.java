package dev.cim.persistence.readmodel;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * The key layout of secondary indexes in the index bucket ({@code cim-indexes} by
 * default), and the encoding of indexed values into key tokens.
 *
 * <ul>
 * <li>{@code {type}.{slot}.{field}.{encodedValue}.{id}}: one index entry, saying that
 * entry {@code id} of the read model's slot had {@code value} in {@code field} when it
 * was written. Its value is empty: the key is the information.</li>
 * <li>{@code {type}.{slot}}: the registry of the slot's indexes, a JSON object
 * {@code {"fields": {"status": "READY", ...}}} naming each index and whether it is
 * complete ({@code READY}) or still being built ({@code BUILDING}).</li>
 * </ul>
 *
 * <p>
 * <b>Value encoding.</b> A value becomes a text first: a number its canonical decimal
 * form ({@link BigDecimal#stripTrailingZeros()}, then {@link BigDecimal#toString()}, so
 * {@code 1}, {@code 1.0} and {@code 1.00} share one token, as they are equal for a
 * query), a string, boolean or enum its text. The text's UTF-8 bytes then become the
 * token: {@code v} followed by the bytes in base64url without padding when they are at
 * most {@value #MAX_PLAIN_BYTES} bytes, otherwise {@code h} followed by the SHA-256 of
 * the bytes in base64url without padding. Any text therefore fits the KV key rules (dots,
 * spaces, wildcards, unicode, the empty string, which is {@code v}, and texts of any
 * length), and a token is at most 129 characters. Two long values may in principle share
 * a hash; that is harmless because every hit is checked against the entry. A missing or
 * {@code null} field has the token {@value #NULL_TOKEN}, which no encoded text can be.
 *
 * <p>
 * A query value may match stored values of other JSON types (a string {@code "10"} equals
 * a number {@code 10} by text, see {@link ReadModelQuery}): {@link #lookupTokens} gives
 * every token under which a matching value may be stored, a superset that the check
 * against the entry narrows down.
 */
public final class ReadModelIndexKeys {

	/**
	 * The longest text, in UTF-8 bytes, encoded as itself rather than hashed.
	 */
	public static final int MAX_PLAIN_BYTES = 96;

	/**
	 * The token of a missing or {@code null} field.
	 */
	public static final String NULL_TOKEN = "_";

	/**
	 * The longest query text also looked up as a number; longer texts are not parsed, so
	 * a query cannot make the lookup parse an arbitrarily long number.
	 */
	private static final int MAX_NUMBER_TEXT = 4096;

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private ReadModelIndexKeys() {
	}

	/**
	 * The key of one index entry.
	 * @param type the read-model type
	 * @param slot the slot
	 * @param field the index (field) name
	 * @param token the encoded value ({@link #tokenOf})
	 * @param id the read model id
	 * @return {@code {type}.{slot}.{field}.{token}.{id}}
	 */
	public static String entry(String type, String slot, String field, String token, String id) {
		return type + "." + slot + "." + field + "." + token + "." + id;
	}

	/**
	 * The key filter matching the entries of one value of an index.
	 * @param type the read-model type
	 * @param slot the slot
	 * @param field the index (field) name
	 * @param token the encoded value
	 * @return {@code {type}.{slot}.{field}.{token}.*}
	 */
	public static String valueFilter(String type, String slot, String field, String token) {
		return type + "." + slot + "." + field + "." + token + ".*";
	}

	/**
	 * The key filter matching every index entry of a slot (not its registry).
	 * @param type the read-model type
	 * @param slot the slot
	 * @return {@code {type}.{slot}.>}
	 */
	public static String slotFilter(String type, String slot) {
		return type + "." + slot + ".>";
	}

	/**
	 * The key of the registry of a slot's indexes.
	 * @param type the read-model type
	 * @param slot the slot
	 * @return {@code {type}.{slot}}
	 */
	public static String registry(String type, String slot) {
		return type + "." + slot;
	}

	/**
	 * The read model id an index entry key names.
	 * @param key a key built by {@link #entry}
	 * @return its last token
	 */
	public static String idOf(String key) {
		return key.substring(key.lastIndexOf('.') + 1);
	}

	/**
	 * The token under which a stored field value is indexed.
	 * @param value the field's value in the stored JSON, {@code null} when missing
	 * @return the token
	 */
	public static String tokenOf(@Nullable JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return NULL_TOKEN;
		}
		if (value.isNumber()) {
			return encode(canonical(value));
		}
		return encode(value.isValueNode() ? value.asText() : value.toString());
	}

	/**
	 * Every token under which a stored value equal to a query value (as
	 * {@link ReadModelQuery} compares them) may be indexed.
	 * @param expected the query value as a JSON tree
	 * @return one or two tokens
	 * @throws IllegalArgumentException when the value is an object or an array
	 */
	public static Set<String> lookupTokens(JsonNode expected) {
		Set<String> tokens = new LinkedHashSet<>();
		if (expected.isNull() || expected.isMissingNode()) {
			tokens.add(NULL_TOKEN);
			return tokens;
		}
		if (!expected.isValueNode()) {
			throw new IllegalArgumentException("only scalar values can be looked up in an index, not " + expected);
		}
		String text = expected.asText();
		if (expected.isNumber()) {
			tokens.add(encode(canonical(expected)));
		}
		else {
			String number = canonicalOrNull(text);
			if (number != null) {
				// A stored number equal to this text is indexed under its canonical form.
				tokens.add(encode(number));
			}
		}
		tokens.add(encode(text));
		return tokens;
	}

	/**
	 * Encode a text into a key token (see the class description).
	 * @param text the text
	 * @return the token
	 */
	public static String encode(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= MAX_PLAIN_BYTES) {
			return "v" + BASE64URL.encodeToString(bytes);
		}
		try {
			return "h" + BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static String canonical(JsonNode number) {
		try {
			return canonical(number.decimalValue());
		}
		catch (NumberFormatException ex) {
			// NaN or an infinity: compared by text.
			return number.asText();
		}
	}

	private static String canonical(BigDecimal number) {
		return number.stripTrailingZeros().toString();
	}

	private static @Nullable String canonicalOrNull(String text) {
		if (text.isEmpty() || text.length() > MAX_NUMBER_TEXT) {
			return null;
		}
		char first = text.charAt(0);
		if (first != '-' && first != '+' && first != '.' && (first < '0' || first > '9')) {
			return null;
		}
		try {
			return canonical(new BigDecimal(text));
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

}
