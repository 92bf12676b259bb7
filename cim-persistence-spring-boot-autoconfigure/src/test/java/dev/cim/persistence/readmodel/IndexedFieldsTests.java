package dev.cim.persistence.readmodel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Indexed} fields as {@link ReadModelDefinition} discovers them: record components
 * and class fields of scalar types, named as in the stored JSON, and the errors for
 * fields that cannot be indexed.
 */
class IndexedFieldsTests {

	@Test
	void recordComponentsOfScalarTypesAreIndexedInDeclarationOrder() {
		assertThat(ReadModelDefinition.of(Scalars.class).indexedFields()).containsExactly("name", "count", "big",
				"flag", "kind", "boxed");
	}

	@Test
	void classFieldsAreIndexedUnderTheirJsonNameAndStaticFieldsAreNot() {
		assertThat(ReadModelDefinition.of(ClassModel.class).indexedFields()).containsExactly("customer_id", "status");
	}

	@Test
	void aReadModelWithoutIndexedFieldsHasNone() {
		assertThat(ReadModelDefinition.of(Balance.class).indexedFields()).isEmpty();
	}

	@Test
	void anIndexedCollectionIsRefusedNamingTypeAndField() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(WithList.class))
			.withMessageContaining("'tags'")
			.withMessageContaining("WithList")
			.withMessageContaining("java.util.List")
			.withMessageContaining("not a scalar");
	}

	@Test
	void anIndexedMapOrNestedObjectOrArrayIsRefused() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(WithMap.class))
			.withMessageContaining("'attributes'")
			.withMessageContaining("WithMap");
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(WithNested.class))
			.withMessageContaining("'address'")
			.withMessageContaining("Address");
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(WithArray.class))
			.withMessageContaining("'codes'");
	}

	@Test
	void anIndexedFloatIsRefused() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(WithFloat.class))
			.withMessageContaining("'ratio'")
			.withMessageContaining("not float");
	}

	@Test
	void anIndexNameThatIsNotAKeyTokenIsRefused() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(DottedName.class))
			.withMessageContaining("'a.b'")
			.withMessageContaining("[A-Za-z0-9_-]");
	}

	@Test
	void createIndexChecksTheFieldOfAClass() {
		IndexedFields.requireField(Scalars.class, "Scalars", "name");
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> IndexedFields.requireField(Scalars.class, "Scalars", "missing"))
			.withMessageContaining("no field 'missing'");
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> IndexedFields.requireField(Unindexed.class, "Unindexed", "tags"))
			.withMessageContaining("not a scalar");
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> IndexedFields.requireField(Scalars.class, "Scalars", "x y"))
			.withMessageContaining("'x y'");
	}

	enum Kind {

		A, B

	}

	@ReadModel
	record Scalars(String id, @Indexed String name, @Indexed long count, @Indexed BigDecimal big, @Indexed boolean flag,
			@Indexed Kind kind, @Indexed Integer boxed, String notIndexed) {

		@Apply
		static Scalars on(Opened event) {
			return null;
		}

	}

	@ReadModel
	static final class ClassModel {

		@Indexed
		@JsonProperty("customer_id")
		private String customerId = "";

		@Indexed
		private char status;

		@Indexed
		private static String shared = "";

		@Apply
		static ClassModel on(Opened event) {
			return new ClassModel();
		}

		@Override
		public String toString() {
			return this.customerId + this.status + shared;
		}

	}

	@ReadModel
	record WithList(String id, @Indexed List<String> tags) {

		@Apply
		static WithList on(Opened event) {
			return null;
		}

	}

	@ReadModel
	record WithMap(String id, @Indexed Map<String, String> attributes) {

		@Apply
		static WithMap on(Opened event) {
			return null;
		}

	}

	record Address(String city) {

	}

	@ReadModel
	record WithNested(String id, @Indexed Address address) {

		@Apply
		static WithNested on(Opened event) {
			return null;
		}

	}

	@ReadModel
	record WithArray(String id, @Indexed int[] codes) {

		@Apply
		static WithArray on(Opened event) {
			return null;
		}

	}

	@ReadModel
	record WithFloat(String id, @Indexed float ratio) {

		@Apply
		static WithFloat on(Opened event) {
			return null;
		}

	}

	@ReadModel
	record DottedName(String id, @Indexed @JsonProperty("a.b") String name) {

		@Apply
		static DottedName on(Opened event) {
			return null;
		}

	}

	@ReadModel
	record Unindexed(String id, List<String> tags) {

		@Apply
		static Unindexed on(Opened event) {
			return null;
		}

	}

}
