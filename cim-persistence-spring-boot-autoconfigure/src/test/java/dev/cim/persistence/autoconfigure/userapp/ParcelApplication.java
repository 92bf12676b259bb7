package dev.cim.persistence.autoconfigure.userapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A user's application: the starter, two properties and an {@code @Aggregate} class, no
 * {@code @Bean}.
 */
@SpringBootApplication
class ParcelApplication {

}
