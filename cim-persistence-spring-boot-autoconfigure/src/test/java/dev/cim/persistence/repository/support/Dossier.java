package dev.cim.persistence.repository.support;

import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.event.DomainEvent;
import dev.cim.persistence.repository.Aggregate;
import dev.cim.persistence.repository.EventSourced;

/**
 * An aggregate whose state grows with every note, for the tests of states larger than a
 * message.
 */
@Aggregate(context = "files", type = "Dossier")
class Dossier implements EventSourced<Dossier.DossierEvent> {

	private String id;

	private List<String> notes = new ArrayList<>();

	private Dossier() {
	}

	static Dossier create() {
		return new Dossier();
	}

	static List<DossierEvent> open(String id) {
		return List.of(new Opened(id));
	}

	List<DossierEvent> note(String text) {
		return List.of(new Noted(text));
	}

	List<DossierEvent> clear() {
		return List.of(new Cleared());
	}

	@Override
	public String id() {
		return this.id;
	}

	List<String> notes() {
		return this.notes;
	}

	@Override
	public void apply(DossierEvent event) {
		if (event instanceof Opened opened) {
			this.id = opened.dossierId();
		}
		else if (event instanceof Noted noted) {
			this.notes.add(noted.text());
		}
		else if (event instanceof Cleared) {
			this.notes.clear();
		}
	}

	sealed interface DossierEvent permits Opened, Noted, Cleared {

	}

	@DomainEvent(type = "DossierOpened")
	record Opened(String dossierId) implements DossierEvent {
	}

	@DomainEvent
	record Noted(String text) implements DossierEvent {
	}

	@DomainEvent
	record Cleared() implements DossierEvent {
	}

}
