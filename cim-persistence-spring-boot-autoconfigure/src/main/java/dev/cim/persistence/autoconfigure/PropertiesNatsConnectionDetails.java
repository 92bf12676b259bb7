package dev.cim.persistence.autoconfigure;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

/**
 * {@link NatsConnectionDetails} taken from {@link CimPersistenceProperties}.
 */
class PropertiesNatsConnectionDetails implements NatsConnectionDetails {

	private final CimPersistenceProperties.Nats properties;

	private final @Nullable SslBundles sslBundles;

	PropertiesNatsConnectionDetails(CimPersistenceProperties.Nats properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	@Override
	public List<String> getServers() {
		return Arrays.stream(StringUtils.commaDelimitedListToStringArray(this.properties.getUrl()))
			.map(String::strip)
			.filter(StringUtils::hasText)
			.toList();
	}

	@Override
	public @Nullable String getUsername() {
		return this.properties.getUsername();
	}

	@Override
	public @Nullable String getPassword() {
		return this.properties.getPassword();
	}

	@Override
	public @Nullable String getToken() {
		return this.properties.getToken();
	}

	@Override
	public @Nullable Resource getCredentials() {
		return this.properties.getCredentials();
	}

	@Override
	public @Nullable String getNkey() {
		return this.properties.getNkey();
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		String name = this.properties.getSsl().getBundle();
		if (!StringUtils.hasText(name)) {
			return null;
		}
		if (this.sslBundles == null) {
			throw new IllegalStateException(
					"cim.persistence.nats.ssl.bundle is set to '" + name + "' but no SslBundles bean is available");
		}
		return this.sslBundles.getBundle(name);
	}

}
