package dev.cim.persistence.readmodel;

import dev.cim.persistence.readmodel.ReadModelObservationDocumentation.OutcomeKeyNames;
import dev.cim.persistence.readmodel.ReadModelObservationDocumentation.ProjectionBatchKeyNames;
import dev.cim.persistence.readmodel.ReadModelObservationDocumentation.ReadModelQueryKeyNames;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Runs the work of projections and reads in the observations of
 * {@link ReadModelObservationDocumentation}.
 */
final class ReadModelObservations {

	private ReadModelObservations() {
	}

	/**
	 * Observe a projection applying a batch.
	 */
	static <R, E extends Exception> R projectionBatch(ObservationRegistry registry, String projection, Work<R, E> work)
			throws E {
		return observe(ReadModelObservationDocumentation.PROJECTION_BATCH.observation(registry)
			.lowCardinalityKeyValue(ProjectionBatchKeyNames.PROJECTION.withValue(projection)), work);
	}

	/**
	 * Observe a read of a read model's entries.
	 */
	static <R> R readModelQuery(ObservationRegistry registry, String type, String operation,
			Work<R, RuntimeException> read) {
		return observe(ReadModelObservationDocumentation.READ_MODEL_QUERY.observation(registry)
			.lowCardinalityKeyValue(ReadModelQueryKeyNames.READ_MODEL.withValue(type))
			.lowCardinalityKeyValue(ReadModelQueryKeyNames.OPERATION.withValue(operation)), read);
	}

	@SuppressWarnings("try") // the scope only makes the observation current
	private static <R, E extends Exception> R observe(Observation observation, Work<R, E> work) throws E {
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			R result = work.run();
			observation.lowCardinalityKeyValue(OutcomeKeyNames.OUTCOME.withValue("success"));
			return result;
		}
		catch (Exception | Error ex) {
			observation.lowCardinalityKeyValue(OutcomeKeyNames.OUTCOME.withValue("error"));
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Observed work.
	 *
	 * @param <R> its result type
	 * @param <E> the checked exception it may throw
	 */
	@FunctionalInterface
	interface Work<R, E extends Exception> {

		R run() throws E;

	}

}
