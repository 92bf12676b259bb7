package dev.cim.persistence.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ProjectionOptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CimPersistenceProperties}.
 */
class CimPersistencePropertiesTests {

	@Test
	void defaultsAreTheLibraryDefaults() {
		CimPersistenceProperties properties = new CimPersistenceProperties();
		assertThat(properties.toRepositoryConfig()).isEqualTo(NatsRepositoryConfig.defaults());
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.isProvision()).isTrue();
		assertThat(properties.getNats().getUrl()).isEqualTo("nats://localhost:4222");
		assertThat(properties.getNats().getEmbedded().isEnabled()).isFalse();
		assertThat(properties.getNats().getEmbedded().getPort()).isZero();
		assertThat(properties.getNats().getPingInterval()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void connectionPropertiesAreBoundFromYaml() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class)
			.withInitializer(new ConfigDataApplicationContextInitializer())
			.withSystemProperties("spring.config.location=classpath:autoconfigure/cim-persistence-nats.yml")
			.run((context) -> {
				CimPersistenceProperties properties = context.getBean(CimPersistenceProperties.class);
				assertThat(properties.isProvision()).isFalse();
				CimPersistenceProperties.Nats nats = properties.getNats();
				assertThat(nats.getUsername()).isEqualTo("alice");
				assertThat(nats.getPassword()).isEqualTo("secret");
				assertThat(nats.getToken()).isEqualTo("t0ken");
				assertThat(nats.getCredentials()).isNotNull();
				assertThat(nats.getCredentials().exists()).isTrue();
				assertThat(nats.getNkey()).isEqualTo("SUAEXAMPLESEED");
				assertThat(nats.getConnectionTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(nats.getPingInterval()).isEqualTo(Duration.ofSeconds(7));
				assertThat(nats.getConnectionName()).isEqualTo("yaml-app");
				assertThat(nats.getSsl().getBundle()).isEqualTo("nats-tls");
				assertThat(nats.getEmbedded().isEnabled()).isTrue();
				assertThat(nats.getEmbedded().getBinary()).isEqualTo(Path.of("/opt/nats/nats-server"));
				assertThat(nats.getEmbedded().getPort()).isEqualTo(14222);
				assertThat(nats.getEmbedded().getStoreDir()).isEqualTo(Path.of("/var/lib/nats"));
				assertThat(nats.getEmbedded().getStartupTimeout()).isEqualTo(Duration.ofSeconds(30));
				PropertiesNatsConnectionDetails details = new PropertiesNatsConnectionDetails(nats, null);
				assertThat(details.getServers()).containsExactly("nats://one:4222", "nats://two:4222");
				assertThat(details.getUsername()).isEqualTo("alice");
				assertThat(details.getToken()).isEqualTo("t0ken");
			});
	}

	@Test
	void urlsAreShownWithoutCredentials() {
		assertThat(NatsUrls.withoutCredentials("nats://alice:secret@host:4222")).isEqualTo("nats://host:4222");
		assertThat(NatsUrls.withoutCredentials("tls://t0ken@host:4222")).isEqualTo("tls://host:4222");
		assertThat(NatsUrls.withoutCredentials("nats://host:4222")).isEqualTo("nats://host:4222");
		assertThat(NatsUrls.redact("Unable to connect to NATS servers: [nats://a:4222, nats://bob:pw@b:4222]"))
			.isEqualTo("Unable to connect to NATS servers: [nats://a:4222, nats://b:4222]");
	}

	@Test
	void projectionPropertiesDefaultToTheLibraryDefaultsAndBindThePinnedTtl() {
		assertThat(new CimPersistenceProperties().getProjections().toProjectionOptions())
			.isEqualTo(ProjectionOptions.defaults());
		new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class)
			.withPropertyValues("cim.persistence.projections.pinned-ttl=12s")
			.run((context) -> assertThat(
					context.getBean(CimPersistenceProperties.class).getProjections().toProjectionOptions().pinnedTtl())
				.isEqualTo(Duration.ofSeconds(12)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CimPersistenceProperties.class)
	static class PropertiesConfiguration {

	}

}
