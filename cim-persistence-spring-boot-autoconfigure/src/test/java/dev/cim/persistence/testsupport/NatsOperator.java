package dev.cim.persistence.testsupport;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;

/**
 * A NATS operator made for one test: operator, system account and application account
 * keys with their JWTs, and user credentials ({@code .creds} content) issued by the
 * application account. {@link #serverConfiguration()} puts a nats-server in operator
 * (decentralized JWT) mode with a memory resolver that knows both accounts; the
 * application account's limits enable JetStream without bounds.
 */
public final class NatsOperator {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Limits of the application account: unlimited, JetStream enabled. */
	private static final String ACCOUNT_LIMITS = "{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,"
			+ "\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1,"
			+ "\"mem_storage\":-1,\"disk_storage\":-1,\"streams\":-1,\"consumer\":-1}";

	private final String operatorJwt;

	private final String systemAccount;

	private final String systemAccountJwt;

	private final NKey account;

	private final String accountJwt;

	private NatsOperator(NKey operator, NKey system, NKey account) throws GeneralSecurityException, IOException {
		String operatorKey = publicKey(operator);
		String systemKey = publicKey(system);
		this.systemAccount = systemKey;
		this.operatorJwt = JwtUtils.issueJWT(operator, operatorKey, "cim-test-operator", null, now(), operatorKey,
				() -> "{\"system_account\":\"" + systemKey + "\",\"type\":\"operator\",\"version\":2}");
		this.systemAccountJwt = JwtUtils.issueJWT(operator, systemKey, "SYS", null, now(), operatorKey,
				() -> "{\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
						+ "\"wildcards\":true,\"conn\":-1,\"leaf\":-1},\"type\":\"account\",\"version\":2}");
		this.account = account;
		this.accountJwt = JwtUtils.issueJWT(operator, publicKey(account), "APP", null, now(), operatorKey,
				() -> "{\"limits\":" + ACCOUNT_LIMITS + ",\"type\":\"account\",\"version\":2}");
	}

	/**
	 * Create an operator with fresh keys.
	 * @return the operator
	 */
	public static NatsOperator create() {
		try {
			return new NatsOperator(NKey.createOperator(RANDOM), NKey.createAccount(RANDOM),
					NKey.createAccount(RANDOM));
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not create the operator's keys", ex);
		}
	}

	/**
	 * The nats-server configuration for operator mode with this operator, its system
	 * account and its application account preloaded into a memory resolver.
	 * @return the configuration
	 */
	public String serverConfiguration() {
		return "operator: \"" + this.operatorJwt + "\"\n" + "system_account: \"" + this.systemAccount + "\"\n"
				+ "resolver: MEMORY\n" + "resolver_preload: {\n" + "  " + this.systemAccount + ": \""
				+ this.systemAccountJwt + "\"\n" + "  " + publicKey(this.account) + ": \"" + this.accountJwt + "\"\n"
				+ "}\n";
	}

	/**
	 * Issue a new user of the application account.
	 * @return the content of a {@code .creds} file: the user's JWT and its NKey seed
	 */
	public String newUserCredentials() {
		return credentials(this.account);
	}

	/**
	 * Issue a user of an account the server does not know (same format, wrong issuer).
	 * @return the content of a {@code .creds} file the server refuses
	 */
	public String credentialsOfAnUnknownAccount() {
		try {
			return credentials(NKey.createAccount(RANDOM));
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not create an account key", ex);
		}
	}

	private static String credentials(NKey issuer) {
		try {
			NKey user = NKey.createUser(RANDOM);
			String jwt = JwtUtils.issueJWT(issuer, publicKey(user), "cim-test-user", null, now(), publicKey(issuer),
					new JwtUtils.UserClaim(null));
			return String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, new String(user.getSeed()));
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not issue a user JWT", ex);
		}
	}

	private static String publicKey(NKey key) {
		try {
			return new String(key.getPublicKey());
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not read a public key", ex);
		}
	}

	private static long now() {
		return JwtUtils.currentTimeSeconds();
	}

}
