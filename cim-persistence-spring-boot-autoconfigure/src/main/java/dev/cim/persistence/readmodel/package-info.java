/**
 * Read models: {@link dev.cim.persistence.readmodel.ReadModel @ReadModel} classes kept in
 * NATS KV by projections fed from the event stream, the
 * {@link dev.cim.persistence.readmodel.ReadModelStore} that reads them, projection
 * status, schema versions with blue/green rebuilds, and read-your-writes.
 *
 * <p>
 * Layout: entries live in the read-model bucket under {@code {type}.{slot}.{id}}, where
 * the slot is {@code v{version}} (or {@code v{version}-r{n}} after the n-th explicit
 * rebuild of that version); the slot that serves reads is recorded under
 * {@code {type}.active} in the same bucket. Projection status lives in the
 * {@code cim-projections} bucket under the read-model type. See
 * {@link dev.cim.persistence.readmodel.ReadModelKeys}. Secondary indexes
 * ({@link dev.cim.persistence.readmodel.Indexed @Indexed} fields) live in the
 * {@code cim-indexes} bucket under {@code {type}.{slot}.{field}.{encodedValue}.{id}}, see
 * {@link dev.cim.persistence.readmodel.ReadModelIndexKeys} and
 * {@link dev.cim.persistence.readmodel.ReadModelIndexes}.
 */
@NullMarked
package dev.cim.persistence.readmodel;

import org.jspecify.annotations.NullMarked;
