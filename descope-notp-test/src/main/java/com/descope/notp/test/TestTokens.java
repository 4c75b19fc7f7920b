package com.descope.notp.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * What tests that forge or inspect tokens share: re-signing a token's claims with another
 * key or {@code kid}, base64url without padding (RFC 7515, section 2), and a loopback
 * port nothing listens on. Signing is Nimbus's, never our own.
 */
public final class TestTokens {

	private TestTokens() {
	}

	/**
	 * The claims of a signed JWT, signed again with RS256 by {@code key}, with
	 * {@code kid} in the header (and {@code typ JWT}), as an attacker holding another key
	 * would.
	 * @param token a compact JWS
	 * @param kid the {@code kid} to name
	 * @param key the RSA private key to sign with
	 * @return the compact JWS
	 * @throws IllegalArgumentException when {@code token} is not a JWS or the key cannot
	 * sign
	 */
	public static String resign(String token, String kid, RSAKey key) {
		try {
			return sign(SignedJWT.parse(token).getJWTClaimsSet(), kid, key);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("cannot re-sign the token", ex);
		}
	}

	/**
	 * Signs claims with RS256, naming the key's {@code kid} (and {@code typ JWT}) in the
	 * header, as Descope signs its JWTs.
	 * @param claims the claims
	 * @param key the RSA private key to sign with
	 * @return the compact JWS
	 * @throws IllegalArgumentException when the key cannot sign
	 */
	public static String sign(JWTClaimsSet claims, RSAKey key) {
		return sign(claims, key.getKeyID(), key);
	}

	private static String sign(JWTClaimsSet claims, String kid, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("cannot sign the token", ex);
		}
	}

	/**
	 * {@link #resign(String, String, RSAKey)} naming the key's own {@code kid}.
	 * @param token a compact JWS
	 * @param key the RSA private key to sign with
	 * @return the compact JWS
	 */
	public static String resign(String token, RSAKey key) {
		return resign(token, key.getKeyID(), key);
	}

	/**
	 * Base64url without padding of a string's UTF-8 bytes, as a JWS encodes its header
	 * and payload.
	 * @param text the text, for example a JSON header
	 * @return the encoded text
	 */
	public static String base64Url(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The payload of a compact JWS as JSON text, unverified: for asserting what kind of
	 * token a call carried.
	 * @param jwt the compact JWS
	 * @return the payload's JSON
	 * @throws IllegalArgumentException when {@code jwt} has not three parts
	 */
	public static String payloadJson(String jwt) {
		String[] parts = jwt.split("\\.");
		if (parts.length != 3) {
			throw new IllegalArgumentException("not a compact JWS");
		}
		return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
	}

	/**
	 * A loopback port that nothing listens on (one the system just handed out and freed),
	 * for tests of an unreachable Descope.
	 * @return the port
	 * @throws IllegalStateException when no port can be had
	 */
	public static int closedLoopbackPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("no free loopback port", ex);
		}
	}

}
