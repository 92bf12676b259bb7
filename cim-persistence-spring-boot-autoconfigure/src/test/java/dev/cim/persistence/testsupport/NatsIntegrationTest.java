package dev.cim.persistence.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that talks to a real nats-server: the class gets a fresh server of
 * its own (see {@link NatsServerExtension}), which its {@code @BeforeAll},
 * {@code @BeforeEach} and test methods receive as a {@link NatsTestServer} parameter.
 * They may also receive a {@link ProvisionedStore} on that server (see
 * {@link ProvisionedStoreExtension}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith({ NatsServerExtension.class, ProvisionedStoreExtension.class })
public @interface NatsIntegrationTest {

}
