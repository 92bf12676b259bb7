/**
 * An orders service built on the CIM Persistence starter.
 */
@NullMarked
package dev.cim.persistence.sample;

import org.jspecify.annotations.NullMarked;
