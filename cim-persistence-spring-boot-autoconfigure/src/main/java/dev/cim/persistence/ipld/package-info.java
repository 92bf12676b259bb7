/**
 * Content addressing for event blocks, with no dependency beyond the JDK: unsigned
 * varints, multihashes, multibase strings, CIDs, the DAG-JSON and DAG-CBOR codecs, whose
 * canonical bytes are what a CID is computed over, and CARv1 archives.
 */
@NullMarked
package dev.cim.persistence.ipld;

import org.jspecify.annotations.NullMarked;
