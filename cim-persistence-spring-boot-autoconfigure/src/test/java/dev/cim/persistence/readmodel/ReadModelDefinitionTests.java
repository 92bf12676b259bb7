package dev.cim.persistence.readmodel;

import java.time.Instant;
import java.util.Map;

import dev.cim.persistence.event.EventType;
import dev.cim.persistence.readmodel.LedgerEvents.Closed;
import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Debited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import dev.cim.persistence.readmodel.ReadModelDefinition.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ReadModelDefinition}: what reflection reads from a read-model class, and the
 * errors for classes it cannot use.
 */
class ReadModelDefinitionTests {

	@Test
	void readsTypeVersionAndHandledEventTypes() {
		ReadModelDefinition<Balance> definition = ReadModelDefinition.of(Balance.class);
		assertThat(definition.type()).isEqualTo("Balance");
		assertThat(definition.version()).isEqualTo(1);
		assertThat(definition.modelClass()).isEqualTo(Balance.class);
		assertThat(definition.eventTypes()).extracting(EventType::name)
			.containsExactlyInAnyOrder("LedgerOpened", "LedgerCredited", "LedgerDebited", "LedgerClosed");
		assertThat(definition.eventClass("LedgerCredited")).contains(Credited.class);
		assertThat(definition.eventClass("LedgerAudited")).isEmpty();
	}

	@Test
	void typeDefaultsToTheSimpleName() {
		assertThat(ReadModelDefinition.of(Unnamed.class).type()).isEqualTo("Unnamed");
	}

	@Test
	void staticHandlerCreatesAndInstanceHandlerEvolves() throws Exception {
		ReadModelDefinition<Balance> definition = ReadModelDefinition.of(Balance.class);
		Outcome<Balance> created = definition.apply(null, new Opened("ann"), context("a-1", 1));
		assertThat(created.kind()).isEqualTo(Outcome.Kind.UPDATED);
		assertThat(created.value()).isEqualTo(new Balance("a-1", "ann", 0, 1, 1));
		Outcome<Balance> evolved = definition.apply(created.value(), new Credited(10), context("a-1", 2));
		assertThat(evolved.value()).isEqualTo(new Balance("a-1", "ann", 10, 2, 2));
		assertThat(definition.apply(evolved.value(), new Debited(3), context("a-1", 3)).value())
			.isEqualTo(new Balance("a-1", "ann", 7, 3, 3));
	}

	@Test
	void instanceHandlerForAMissingEntryLeavesItUnchanged() throws Exception {
		Outcome<Balance> outcome = ReadModelDefinition.of(Balance.class)
			.apply(null, new Credited(10), context("a-1", 2));
		assertThat(outcome.kind()).isEqualTo(Outcome.Kind.UNCHANGED);
	}

	@Test
	void handlerReturningNullDeletesTheEntry() throws Exception {
		Outcome<Balance> outcome = ReadModelDefinition.of(Balance.class)
			.apply(new Balance("a-1", "ann", 0, 1, 1), new Closed(), context("a-1", 2));
		assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DELETED);
	}

	@Test
	void staticHandlerReplacesAnExistingEntryWhenThereIsNoInstanceHandler() throws Exception {
		Outcome<Unnamed> outcome = ReadModelDefinition.of(Unnamed.class)
			.apply(new Unnamed("old"), new Opened("new"), context("a-1", 2));
		assertThat(outcome.value()).isEqualTo(new Unnamed("new"));
	}

	@Test
	void exceptionOfAHandlerIsThrownUnwrapped() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> ReadModelDefinition.of(Throwing.class).apply(null, new Opened("x"), context("a", 1)))
			.withMessage("boom");
	}

	@Test
	void applyingAnEventTheModelDoesNotHandleIsRejected() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> ReadModelDefinition.of(Unnamed.class).apply(null, new Credited(1), context("a", 1)));
	}

	@Test
	void classWithoutAnnotationIsRejected() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(String.class))
			.withMessageContaining("is not annotated with @ReadModel");
	}

	@Test
	void invalidTypeIsRejected() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(BadType.class))
			.withMessageContaining("'bad.type'");
	}

	@Test
	void versionBelowOneIsRejected() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(VersionZero.class))
			.withMessageContaining("must be at least 1, was 0");
	}

	@Test
	void classWithoutHandlersIsRejected() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(NoHandlers.class))
			.withMessageContaining("has no @Apply method");
	}

	@Test
	void handlerWithoutParametersIsRejected() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(NoParameters.class))
			.withMessageContaining("on()")
			.withMessageContaining("takes 0 parameters");
	}

	@Test
	void handlerWhoseSecondParameterIsNotTheContextIsRejected() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(WrongSecondParameter.class))
			.withMessageContaining("must take an EventContext as its second parameter, not java.lang.String");
	}

	@Test
	void handlerOfAnInterfaceIsRejected() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(InterfaceEvent.class))
			.withMessageContaining("must take a concrete event class as its first parameter, not java.lang.Runnable");
	}

	@Test
	void handlerReturningAnotherTypeIsRejected() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(WrongReturn.class))
			.withMessageContaining("must return WrongReturn")
			.withMessageContaining("not void");
	}

	@Test
	void twoHandlersOfTheSameKindForOneEventAreRejected() {
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> ReadModelDefinition.of(Duplicate.class))
			.withMessageContaining("has two static @Apply methods for");
	}

	private static EventContext context(String id, long version) {
		return new EventContext("bank", "Ledger", id, version, "LedgerOpened", version, Instant.EPOCH, null, null, null,
				Map.of());
	}

	@ReadModel
	record Unnamed(String owner) {

		@Apply
		static Unnamed on(Opened event) {
			return new Unnamed(event.owner());
		}

	}

	@ReadModel(type = "Throwing")
	record Throwing(String owner) {

		@Apply
		static Throwing on(Opened event) {
			throw new IllegalStateException("boom");
		}

	}

	@ReadModel(type = "bad.type")
	record BadType(String owner) {

		@Apply
		static BadType on(Opened event) {
			return null;
		}

	}

	@ReadModel(type = "VersionZero", version = 0)
	record VersionZero(String owner) {

	}

	@ReadModel(type = "NoHandlers")
	record NoHandlers(String owner) {

		static NoHandlers on(Opened event) {
			return null;
		}

	}

	@ReadModel(type = "NoParameters")
	record NoParameters(String owner) {

		@Apply
		static NoParameters on() {
			return null;
		}

	}

	@ReadModel(type = "WrongSecondParameter")
	record WrongSecondParameter(String owner) {

		@Apply
		static WrongSecondParameter on(Opened event, String other) {
			return null;
		}

	}

	@ReadModel(type = "InterfaceEvent")
	record InterfaceEvent(String owner) {

		@Apply
		static InterfaceEvent on(Runnable event) {
			return null;
		}

	}

	@ReadModel(type = "WrongReturn")
	record WrongReturn(String owner) {

		@Apply
		void on(Opened event) {
		}

	}

	@ReadModel(type = "Duplicate")
	record Duplicate(String owner) {

		@Apply
		static Duplicate on(Opened event) {
			return null;
		}

		@Apply
		static Duplicate on(Opened event, EventContext context) {
			return null;
		}

	}

}
