package dev.cim.persistence.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An orders service built on the CIM Persistence starter: the {@code Order} aggregate is
 * stored through the auto-configured {@code AggregateRepository<Order>}.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Start the orders service.
	 * @param args command-line arguments, such as
	 * {@code --cim.persistence.nats.url=nats://host:4222}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
