package dev.cim.persistence.readmodel;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cim.persistence.routing.SubjectTokens;

/**
 * Finds the {@link Indexed} fields of a read-model class and checks that each can be
 * indexed: a scalar type and a name that fits a key token.
 */
final class IndexedFields {

	static final int NAME_MAX_LENGTH = 64;

	private static final Set<Class<?>> SCALARS = Set.of(String.class, Character.class, Boolean.class, Byte.class,
			Short.class, Integer.class, Long.class, Double.class, BigDecimal.class, BigInteger.class);

	private IndexedFields() {
	}

	/**
	 * The index names (JSON property names) of the indexed fields of a class and its
	 * superclasses, in declaration order.
	 * @throws InvalidReadModelException when an indexed field is not a scalar or its name
	 * is not a valid token
	 */
	static Set<String> of(Class<?> modelClass, String type) {
		Set<String> names = new LinkedHashSet<>();
		for (Class<?> current = modelClass; current != null
				&& current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) || !field.isAnnotationPresent(Indexed.class)) {
					continue;
				}
				Class<?> fieldType = field.getType();
				if (!isScalar(fieldType)) {
					throw new InvalidReadModelException("field '" + field.getName() + "' of read model " + type + " ("
							+ modelClass.getName() + ") is @Indexed but its type " + fieldType.getTypeName()
							+ " is not a scalar: only strings, characters, numbers (not float), booleans and enums can be"
							+ " indexed");
				}
				String name = jsonName(field);
				requireName(name,
						"field '" + field.getName() + "' of read model " + type + " (" + modelClass.getName() + ")");
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * Check a field name that goes into index keys.
	 * @throws InvalidReadModelException when it is not a valid token
	 */
	static String requireName(String name, String what) {
		if (!SubjectTokens.isValid(name, NAME_MAX_LENGTH)) {
			throw new InvalidReadModelException("the index name '" + name + "' of " + what + " must be 1 to "
					+ NAME_MAX_LENGTH + " characters of [A-Za-z0-9_-]");
		}
		return name;
	}

	/**
	 * Check that a class has a scalar field of a JSON name, for an index created on it.
	 * @throws InvalidReadModelException when it has none
	 */
	static void requireField(Class<?> modelClass, String type, String name) {
		requireName(name, "read model " + type);
		for (Class<?> current = modelClass; current != null
				&& current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && jsonName(field).equals(name)) {
					if (!isScalar(field.getType())) {
						throw new InvalidReadModelException("field '" + field.getName() + "' of read model " + type
								+ " (" + modelClass.getName() + ") cannot be indexed: its type "
								+ field.getType().getTypeName() + " is not a scalar");
					}
					return;
				}
			}
		}
		throw new InvalidReadModelException(
				"read model " + type + " (" + modelClass.getName() + ") has no field '" + name + "' to index");
	}

	/**
	 * Whether values of a type can be indexed. A {@code float} cannot: its binary value
	 * (widened to a double) and its JSON text are different numbers, so the same value
	 * would be indexed under two tokens depending on where it was read from.
	 */
	static boolean isScalar(Class<?> type) {
		if (type == float.class) {
			return false;
		}
		return type.isPrimitive() || type.isEnum() || SCALARS.contains(type);
	}

	private static String jsonName(Field field) {
		JsonProperty property = field.getAnnotation(JsonProperty.class);
		return (property != null && !property.value().isEmpty()) ? property.value() : field.getName();
	}

}
