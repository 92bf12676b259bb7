package dev.cim.persistence.autoconfigure.userapp;

import java.util.List;

import dev.cim.persistence.event.DomainEvent;
import dev.cim.persistence.repository.Aggregate;
import dev.cim.persistence.repository.EventSourced;

/**
 * The aggregate of the user application.
 */
@Aggregate(context = "shipping", type = "Parcel")
class Parcel implements EventSourced<Parcel.ParcelEvent> {

	private String id;

	private String destination;

	private Parcel() {
	}

	static Parcel create() {
		return new Parcel();
	}

	static List<ParcelEvent> register(String id, String destination) {
		return List.of(new Registered(id, destination));
	}

	@Override
	public String id() {
		return this.id;
	}

	String destination() {
		return this.destination;
	}

	@Override
	public void apply(ParcelEvent event) {
		if (event instanceof Registered registered) {
			this.id = registered.parcelId();
			this.destination = registered.destination();
		}
	}

	sealed interface ParcelEvent permits Registered {

	}

	@DomainEvent(type = "ParcelRegistered")
	record Registered(String parcelId, String destination) implements ParcelEvent {
	}

}
