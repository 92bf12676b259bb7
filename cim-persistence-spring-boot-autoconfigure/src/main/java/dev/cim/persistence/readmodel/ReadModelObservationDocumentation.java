package dev.cim.persistence.readmodel;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The Micrometer observations of read models: with Micrometer Tracing each becomes a
 * span, with a meter registry a timer. Their key values are all of low cardinality.
 */
public enum ReadModelObservationDocumentation implements ObservationDocumentation {

	/**
	 * A projection applying one fetched batch of events to its read model, the writes
	 * confirmed.
	 */
	PROJECTION_BATCH("cim.persistence.projection.batch", "projection batch",
			KeyName.merge(ProjectionBatchKeyNames.values(), OutcomeKeyNames.values())),

	/**
	 * A read of read-model entries: a find by id or a query.
	 */
	READ_MODEL_QUERY("cim.persistence.readmodel.query", "read model query",
			KeyName.merge(ReadModelQueryKeyNames.values(), OutcomeKeyNames.values()));

	private final String name;

	private final String contextualName;

	private final KeyName[] lowCardinalityKeyNames;

	ReadModelObservationDocumentation(String name, String contextualName, KeyName[] lowCardinalityKeyNames) {
		this.name = name;
		this.contextualName = contextualName;
		this.lowCardinalityKeyNames = lowCardinalityKeyNames;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName() {
		return this.contextualName;
	}

	@Override
	public KeyName[] getLowCardinalityKeyNames() {
		return this.lowCardinalityKeyNames.clone();
	}

	/**
	 * Low-cardinality keys of {@link #PROJECTION_BATCH}.
	 */
	public enum ProjectionBatchKeyNames implements KeyName {

		/**
		 * The projection, named by its read-model type.
		 */
		PROJECTION {

			@Override
			public String asString() {
				return "projection";
			}

		}

	}

	/**
	 * Low-cardinality keys of {@link #READ_MODEL_QUERY}.
	 */
	public enum ReadModelQueryKeyNames implements KeyName {

		/**
		 * The read-model type.
		 */
		READ_MODEL {

			@Override
			public String asString() {
				return "read.model";
			}

		},

		/**
		 * {@code find} (one entry by id) or {@code query} (entries by pattern and
		 * filters).
		 */
		OPERATION {

			@Override
			public String asString() {
				return "operation";
			}

		}

	}

	/**
	 * The key every observation of read models carries.
	 */
	public enum OutcomeKeyNames implements KeyName {

		/**
		 * {@code success}, or {@code error} when an exception ended the observed work.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		}

	}

}
