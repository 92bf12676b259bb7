package dev.cim.persistence.repository.support;

import java.time.Duration;
import java.util.function.Supplier;

import dev.cim.persistence.repository.RepositoryObserver.LoadOutcome;
import dev.cim.persistence.repository.RepositoryObserver.SaveOutcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.RepositoryObserver;
import dev.cim.persistence.repository.VersionConflictException;

/**
 * Observes the saves and loads of one aggregate type: a Micrometer {@link Observation}
 * around each ({@value #SAVE} and {@value #LOAD}, low-cardinality keys {@code aggregate},
 * {@code outcome} and, for loads, {@code source}), so that a registry with a meter
 * handler records timers of those names and one with a tracing handler records spans; and
 * the {@link RepositoryObserver} calls for the counters.
 */
final class RepositoryInstrumentation {

	/** The name of the observation of a save. */
	static final String SAVE = "cim.persistence.repository.save";

	/** The name of the observation of a load. */
	static final String LOAD = "cim.persistence.repository.load";

	private final ObservationRegistry registry;

	private final RepositoryObserver observer;

	private final String name;

	RepositoryInstrumentation(ObservationRegistry registry, RepositoryObserver observer, String name) {
		this.registry = registry;
		this.observer = observer;
		this.name = name;
	}

	RepositoryObserver observer() {
		return this.observer;
	}

	<R> R save(Supplier<R> save) {
		Observation observation = start(SAVE, "save");
		long start = System.nanoTime();
		SaveOutcome outcome = SaveOutcome.ERROR;
		Observation.Scope scope = observation.openScope();
		try {
			R result = save.get();
			outcome = SaveOutcome.SUCCESS;
			return result;
		}
		catch (VersionConflictException ex) {
			outcome = SaveOutcome.CONFLICT;
			this.observer.versionConflict(this.name);
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			scope.close();
			saved(observation, outcome, start);
		}
	}

	/**
	 * Record a save that ended without this class running it (an asynchronous one).
	 */
	void saved(SaveOutcome outcome, long startNanos, @Nullable Throwable failure) {
		Observation observation = start(SAVE, "save");
		if (failure != null && outcome == SaveOutcome.ERROR) {
			observation.error(failure);
		}
		if (outcome == SaveOutcome.CONFLICT) {
			this.observer.versionConflict(this.name);
		}
		saved(observation, outcome, startNanos);
	}

	private void saved(Observation observation, SaveOutcome outcome, long start) {
		observation.lowCardinalityKeyValue("outcome", outcome.tag()).stop();
		this.observer.saved(this.name, outcome, Duration.ofNanos(System.nanoTime() - start));
	}

	<T> LoadedAggregate<T> load(Supplier<LoadedAggregate<T>> load) {
		Observation observation = start(LOAD, "load");
		long start = System.nanoTime();
		LoadOutcome outcome = LoadOutcome.ERROR;
		LoadSource source = null;
		Observation.Scope scope = observation.openScope();
		try {
			LoadedAggregate<T> loaded = load.get();
			source = loaded.metadata().source();
			outcome = LoadOutcome.SUCCESS;
			return loaded;
		}
		catch (AggregateNotFoundException ex) {
			outcome = LoadOutcome.NOT_FOUND;
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			scope.close();
			observation.lowCardinalityKeyValue("outcome", outcome.tag())
				.lowCardinalityKeyValue("source", (source != null) ? source.tag() : "none")
				.stop();
			this.observer.loaded(this.name, outcome, source, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private Observation start(String observationName, String operation) {
		return Observation.createNotStarted(observationName, this.registry)
			.contextualName(operation + " " + this.name)
			.lowCardinalityKeyValue("aggregate", this.name)
			.start();
	}

}
