package dev.cim.persistence.autoconfigure.counter;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * Marks this package as the application's, so that {@link Counter} is found.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class CounterApplication {

}
