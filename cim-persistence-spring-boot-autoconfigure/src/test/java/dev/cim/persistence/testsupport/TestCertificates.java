package dev.cim.persistence.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A certificate authority and a server certificate issued by it for {@code localhost} and
 * {@code 127.0.0.1}, generated for one test and written as PEM files: what a nats-server
 * needs for TLS ({@link #serverTlsBlock()}) and what a client trusts
 * ({@link #caCertificate()}).
 */
public final class TestCertificates {

	private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

	private final Path caCertificate;

	private final Path serverCertificate;

	private final Path serverKey;

	private TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {
		this.caCertificate = caCertificate;
		this.serverCertificate = serverCertificate;
		this.serverKey = serverKey;
	}

	/**
	 * Generate a CA and a server certificate into a directory.
	 * @param directory where the PEM files go ({@code ca.pem}, {@code server.pem},
	 * {@code server-key.pem})
	 * @param caName the common name of the authority, to tell two authorities apart
	 * @return the certificates
	 */
	public static TestCertificates generate(Path directory, String caName) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(256);
			KeyPair caKeys = generator.generateKeyPair();
			KeyPair serverKeys = generator.generateKeyPair();
			X500Name ca = new X500Name("CN=" + caName);
			ExtensionsGenerator caExtensions = new ExtensionsGenerator();
			caExtensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			caExtensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			byte[] caCertificate = certificate(ca, caKeys.getPrivate(), ca, caKeys, caExtensions);
			ExtensionsGenerator serverExtensions = new ExtensionsGenerator();
			serverExtensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			serverExtensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			serverExtensions.addExtension(Extension.extendedKeyUsage, false,
					new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
			serverExtensions.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
			byte[] serverCertificate = certificate(ca, caKeys.getPrivate(), new X500Name("CN=localhost"), serverKeys,
					serverExtensions);
			Files.createDirectories(directory);
			return new TestCertificates(write(directory.resolve("ca.pem"), "CERTIFICATE", caCertificate),
					write(directory.resolve("server.pem"), "CERTIFICATE", serverCertificate),
					write(directory.resolve("server-key.pem"), "PRIVATE KEY", pkcs8(serverKeys.getPrivate())));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not generate test certificates", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write test certificates", ex);
		}
	}

	/**
	 * The authority's certificate, the one a client trusts.
	 * @return the PEM file
	 */
	public Path caCertificate() {
		return this.caCertificate;
	}

	/**
	 * The server's certificate.
	 * @return the PEM file
	 */
	public Path serverCertificate() {
		return this.serverCertificate;
	}

	/**
	 * The server's private key (PKCS#8).
	 * @return the PEM file
	 */
	public Path serverKey() {
		return this.serverKey;
	}

	/**
	 * The nats-server {@code tls} block that makes clients use TLS with the server
	 * certificate.
	 * @return the configuration
	 */
	public String serverTlsBlock() {
		return "tls {\n  cert_file: \"" + this.serverCertificate + "\"\n  key_file: \"" + this.serverKey
				+ "\"\n  ca_file: \"" + this.caCertificate + "\"\n  timeout: 5\n}\n";
	}

	/**
	 * An X.509 v3 certificate signed with ECDSA over SHA-256, built from its ASN.1
	 * structure (the Bouncy Castle provider jnats depends on has the structures; the JDK
	 * signs).
	 */
	private static byte[] certificate(X500Name issuer, PrivateKey issuerKey, X500Name subject, KeyPair subjectKeys,
			ExtensionsGenerator extensions) throws GeneralSecurityException, IOException {
		Instant now = Instant.now();
		AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
		V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
		generator.setSerialNumber(new ASN1Integer(SERIALS.incrementAndGet()));
		generator.setSignature(algorithm);
		generator.setIssuer(issuer);
		generator.setStartDate(new Time(Date.from(now.minus(Duration.ofHours(1)))));
		generator.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(1)))));
		generator.setSubject(subject);
		generator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
		generator.setExtensions(extensions.generate());
		TBSCertificate tbs = generator.generateTBSCertificate();
		Signature signature = Signature.getInstance("SHA256withECDSA");
		signature.initSign(issuerKey);
		signature.update(tbs.getEncoded(ASN1Encoding.DER));
		return new DERSequence(new ASN1Encodable[] { tbs, algorithm, new DERBitString(signature.sign()) })
			.getEncoded(ASN1Encoding.DER);
	}

	private static byte[] pkcs8(PrivateKey key) {
		// The JDK encodes private keys as PKCS#8, which nats-server reads.
		return key.getEncoded();
	}

	private static Path write(Path file, String type, byte[] der) throws IOException {
		String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
		Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
		return file;
	}

}
