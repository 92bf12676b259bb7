/**
 * Events as stored: the block each event is written as (type, schema, aggregate, version,
 * data, link to the previous event, metadata), its encoding and decoding.
 */
@NullMarked
package dev.cim.persistence.event;

import org.jspecify.annotations.NullMarked;
