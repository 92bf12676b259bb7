package dev.cim.persistence.readmodel;

import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Which slot a projection fills and whether that is a rebuild, decided from the
 * {@code {type}.active} record with compare-and-set, so concurrent starts agree.
 *
 * @param slot the slot to fill
 * @param rebuilding whether the slot is being built beside the active one
 * @param activeSlot the slot serving reads
 */
record SlotPlan(String slot, boolean rebuilding, @Nullable String activeSlot) {

	/**
	 * The plan for starting a projection of a definition's version.
	 * @param retire called with a slot whose build is abandoned
	 */
	static SlotPlan plan(ReadModelStore store, ReadModelDefinition<?> definition, Consumer<String> retire) {
		String type = definition.type();
		int version = definition.version();
		String first = ReadModelKeys.slot(version, 0);
		while (true) {
			Optional<ReadModelStore.Versioned<ActiveVersion>> record = store.readActive(type);
			if (record.isEmpty()) {
				// Nothing older serves reads: the first version is active while it
				// catches up.
				if (store.writeActive(type, new ActiveVersion(first, null), 0)) {
					return new SlotPlan(first, false, first);
				}
				continue;
			}
			ActiveVersion active = record.get().value();
			String building = active.building();
			if (building != null && ReadModelKeys.versionOf(building) == version) {
				return new SlotPlan(building, true, active.slot());
			}
			int activeVersion = active.version();
			if (activeVersion >= version) {
				// The same version, or an older one than active (a process still running
				// old code): fill this version's slot without switching.
				String slot = (activeVersion == version) ? active.slot() : first;
				return new SlotPlan(slot, false, active.slot());
			}
			if (store.writeActive(type, new ActiveVersion(active.slot(), first), record.get().revision())) {
				if (building != null) {
					retire.accept(building);
				}
				return new SlotPlan(first, true, active.slot());
			}
		}
	}

	/**
	 * The plan for an explicit rebuild of a definition's version into a new slot.
	 * @param retire called with a slot whose build is abandoned
	 * @throws IllegalStateException when a newer version is active
	 */
	static SlotPlan rebuild(ReadModelStore store, ReadModelDefinition<?> definition, Consumer<String> retire) {
		String type = definition.type();
		int version = definition.version();
		while (true) {
			Optional<ReadModelStore.Versioned<ActiveVersion>> record = store.readActive(type);
			if (record.isEmpty()) {
				return plan(store, definition, retire);
			}
			ActiveVersion active = record.get().value();
			if (active.version() > version) {
				throw new IllegalStateException("read model " + type + " cannot be rebuilt at version " + version
						+ ": version " + active.version() + " is active");
			}
			String building = active.building();
			int rebuilds = (active.version() == version) ? ReadModelKeys.rebuildOf(active.slot()) : 0;
			if (building != null && ReadModelKeys.versionOf(building) == version) {
				rebuilds = Math.max(rebuilds, ReadModelKeys.rebuildOf(building));
			}
			String slot = ReadModelKeys.slot(version, rebuilds + 1);
			if (store.writeActive(type, new ActiveVersion(active.slot(), slot), record.get().revision())) {
				if (building != null) {
					retire.accept(building);
				}
				return new SlotPlan(slot, true, active.slot());
			}
		}
	}

}
