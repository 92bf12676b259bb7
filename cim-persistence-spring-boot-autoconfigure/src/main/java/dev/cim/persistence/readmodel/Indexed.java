package dev.cim.persistence.readmodel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field (or record component) of a {@link ReadModel} whose values are kept in a
 * secondary index, so that "the entries whose field has value v" can be found without
 * reading every entry (see {@link ReadModelIndexes} and
 * {@link ReadModelStore#findByIndex}).
 *
 * <pre class="code">
 * &#64;ReadModel(type = "OrderSummary")
 * record OrderSummary(String id, &#64;Indexed String status, &#64;Indexed String customerId, long items) {
 *     ...
 * }
 * </pre>
 *
 * <p>
 * Only scalar fields can be indexed: strings, characters, numbers (primitive or boxed,
 * {@code BigDecimal}, {@code BigInteger}; not {@code float}, whose binary value and JSON
 * text differ, use {@code double}), booleans and enums. The index is named after the
 * field's JSON property name (its {@code @JsonProperty} name when it has one), which must
 * be 1 to 64 characters of {@code [A-Za-z0-9_-]} as it goes into keys. A collection, map,
 * array or nested object annotated with {@code @Indexed} makes the read model invalid
 * ({@link InvalidReadModelException}).
 *
 * <p>
 * The projection runner keeps the index in step with the entries. An index is a hint:
 * every hit is checked against the entry it names, so a stale index entry never yields a
 * wrong result.
 */
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Indexed {

}
