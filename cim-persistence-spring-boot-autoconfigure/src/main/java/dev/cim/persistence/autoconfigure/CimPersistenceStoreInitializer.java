package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.JetStreamProvisioner.ProvisioningResult;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.NatsServerRequirements;
import io.nats.client.Connection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;

/**
 * Prepares the store at start-up: checks that the server has JetStream and is recent
 * enough, then, when asked to, creates the streams and buckets that are missing and
 * checks the ones that exist. The event store is created after it.
 */
public class CimPersistenceStoreInitializer implements InitializingBean {

	private static final Log logger = LogFactory.getLog(CimPersistenceStoreInitializer.class);

	private final Connection connection;

	private final NatsRepositoryConfig config;

	private final boolean provision;

	private @Nullable ProvisioningResult result;

	/**
	 * Create an initializer.
	 * @param connection the connection to the server
	 * @param config the store layout
	 * @param provision whether to create missing streams and buckets
	 */
	public CimPersistenceStoreInitializer(Connection connection, NatsRepositoryConfig config, boolean provision) {
		this.connection = connection;
		this.config = config;
		this.provision = provision;
	}

	/**
	 * Check the server and provision the store.
	 * @throws dev.cim.persistence.nats.UnsupportedNatsServerVersionException when the
	 * server is older than 2.12
	 * @throws dev.cim.persistence.nats.JetStreamNotEnabledException when the server has
	 * JetStream disabled
	 * @throws dev.cim.persistence.nats.StoreProvisioningException when a stream or bucket
	 * contradicts the configuration or cannot be created
	 */
	@Override
	public void afterPropertiesSet() {
		if (!this.provision) {
			NatsServerRequirements.check(this.connection);
		}
		else {
			// The provisioner checks the server first.
			this.result = new JetStreamProvisioner(this.connection, this.config).provision();
			if (logger.isInfoEnabled() && this.result.createdAny()) {
				logger.info("Created " + String.join(", ", this.result.created()) + " on "
						+ NatsUrls.withoutCredentials(this.connection.getConnectedUrl()));
			}
		}
	}

	/**
	 * What provisioning did.
	 * @return the result, or {@code null} when provisioning is switched off
	 */
	public @Nullable ProvisioningResult getProvisioningResult() {
		return this.result;
	}

}
