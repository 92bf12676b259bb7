/**
 * Content addressing for event blocks, with no dependency beyond the JDK: unsigned
 * varints, multihashes, multibase strings, CIDs and the DAG-JSON codec, whose canonical
 * bytes are what a CID is computed over.
 */
@NullMarked
package dev.cim.persistence.ipld;

import org.jspecify.annotations.NullMarked;
