package com.descope.notp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with the
 * JDK's {@code keytool} (the JDK has no public API to sign one), for an HTTPS test server
 * that no default trust store trusts.
 */
public final class SelfSignedCertificate {

	/** The password of both stores. */
	public static final String PASSWORD = "changeit";

	private final KeyStore keyStore;

	private final Path trustStoreFile;

	private SelfSignedCertificate(KeyStore keyStore, Path trustStoreFile) {
		this.keyStore = keyStore;
		this.trustStoreFile = trustStoreFile;
	}

	/**
	 * Makes the key pair and certificate, valid for two days.
	 * @param directory where to write the stores
	 * @return the certificate
	 * @throws Exception when keytool fails or the stores cannot be read
	 */
	public static SelfSignedCertificate create(Path directory) throws Exception {
		Path keyStoreFile = directory.resolve("server.p12");
		Process keytool = new ProcessBuilder(
				List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias",
						"server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
						"-ext", "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
						keyStoreFile.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"))
			.redirectErrorStream(true)
			.start();
		byte[] output = keytool.getInputStream().readAllBytes();
		if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + new String(output));
		}
		KeyStore keyStore = load(keyStoreFile);
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("server", keyStore.getCertificate("server"));
		Path trustStoreFile = directory.resolve("trust.p12");
		try (OutputStream out = Files.newOutputStream(trustStoreFile)) {
			trustStore.store(out, PASSWORD.toCharArray());
		}
		return new SelfSignedCertificate(keyStore, trustStoreFile);
	}

	/**
	 * The server's side: the key and certificate, for {@code MockWebServer.useHttps}.
	 * @return an SSL context presenting the certificate
	 * @throws GeneralSecurityException when the key cannot be used
	 */
	public SSLContext serverContext() throws GeneralSecurityException {
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(this.keyStore, PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		return context;
	}

	/**
	 * A PKCS12 trust store holding only the certificate, for
	 * {@code spring.ssl.bundle.jks.*}.
	 * @return the file
	 */
	public Path trustStoreFile() {
		return this.trustStoreFile;
	}

	/**
	 * A client's bundle that trusts the certificate and nothing else.
	 * @return the bundle
	 * @throws IOException when the trust store cannot be read
	 * @throws GeneralSecurityException when the trust store cannot be read
	 */
	public SslBundle clientBundle() throws IOException, GeneralSecurityException {
		return SslBundle.of(SslStoreBundle.of(null, null, load(this.trustStoreFile)));
	}

	private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

}
