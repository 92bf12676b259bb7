package dev.cim.persistence.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The content-addressed history of aggregates of one type: verification of the hash
 * chain, and export and import as CARv1 archives.
 *
 * @param <T> the aggregate type
 */
public interface AggregateHistory<T extends EventSourced<?>> {

	/**
	 * Verify an aggregate's history: recompute every CID from the stored bytes, follow
	 * every {@code prev} link, check that versions are contiguous and that subjects,
	 * headers and bodies agree.
	 * @param id the aggregate's id
	 * @return what the verification found
	 * @throws AggregateNotFoundException when the aggregate has no events
	 */
	ChainVerification verify(String id);

	/**
	 * Write an aggregate's history as a CARv1 archive: one root, the head's CID, and
	 * every event's stored bytes in chain order.
	 * @param id the aggregate's id
	 * @param out where to write
	 * @return the verification of the exported history
	 * @throws IOException when writing fails
	 * @throws AggregateNotFoundException when the aggregate has no events
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when content
	 * addressing is off
	 */
	ChainVerification exportCar(String id, OutputStream out) throws IOException;

	/**
	 * Import a CARv1 archive as the complete history of a new aggregate, verifying every
	 * block, link and version first; the events keep their bytes and CIDs. Importing the
	 * same archive again stores nothing and reports the same head.
	 * @param in the archive
	 * @return the imported aggregate's metadata
	 * @throws IOException when reading fails
	 * @throws ChainImportException when the archive is not a sound history of this type
	 * @throws AggregateAlreadyExistsException when the aggregate already has other events
	 */
	AggregateMetadata importCar(InputStream in) throws IOException;

}
