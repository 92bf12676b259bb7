/**
 * The HTTP API of the orders service.
 */
@NullMarked
package dev.cim.persistence.sample.web;

import org.jspecify.annotations.NullMarked;
