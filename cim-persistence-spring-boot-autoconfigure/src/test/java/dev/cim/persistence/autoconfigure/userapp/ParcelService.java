package dev.cim.persistence.autoconfigure.userapp;

import org.springframework.stereotype.Service;
import dev.cim.persistence.repository.support.NatsRepository;

/**
 * A service of the user's application that injects its repository by type.
 */
@Service
class ParcelService {

	private final NatsRepository<Parcel> parcels;

	ParcelService(NatsRepository<Parcel> parcels) {
		this.parcels = parcels;
	}

	void register(String id, String destination) {
		this.parcels.save(Parcel.create(), Parcel.register(id, destination));
	}

	String destinationOf(String id) {
		return this.parcels.load(id).aggregate().destination();
	}

}
