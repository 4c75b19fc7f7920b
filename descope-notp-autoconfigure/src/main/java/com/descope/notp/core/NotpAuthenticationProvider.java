package com.descope.notp.core;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.DescopeError;
import com.descope.notp.client.DescopeErrorCodes;
import com.descope.notp.client.DescopeResponse;
import com.descope.notp.client.JwtResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.Assert;

/**
 * Completes a nOTP login: polls Descope's pending session once
 * ({@code POST /v1/auth/notp/pending-session}) for the {@link NotpAuthenticationToken}'s
 * {@code pendingRef}, validates the session JWT Descope answers with the same
 * {@link JwtDecoder} as every later request, and returns a
 * {@link DescopeAuthenticationToken} carrying the user, (transiently) the tokens, and the
 * {@link #WHATSAPP_FACTOR_AUTHORITY} factor, issued at the confirmation as the tokens
 * date it (the refresh JWT's {@code iat}), so a session rebuilt from the same tokens on a
 * later request carries the same factor.
 *
 * <p>
 * Throws {@link NotpAuthenticationPendingException} while the person has not confirmed,
 * {@link NotpFlowAlreadyRedeemedException} when Descope no longer knows the
 * {@code pendingRef} ({@code 400}: another attempt redeemed it),
 * {@link DescopeUnavailableException} when Descope cannot answer (the flow stays usable),
 * and {@link NotpAuthenticationFailedException} when the flow expired, was refused, or
 * produced a token that does not validate.
 */
public class NotpAuthenticationProvider implements AuthenticationProvider {

	/**
	 * The factor authority a completed nOTP login grants (Spring Security 7's
	 * multi-factor support), granted when the session JWT's {@code amr} names
	 * {@code whatsapp} and issued at the WhatsApp confirmation (see
	 * {@code WhatsAppFactor}); require it with
	 * {@code @PreAuthorize("hasAuthority('FACTOR_WHATSAPP')")}, and its recency with
	 * {@link DescopeFactors}.
	 */
	public static final String WHATSAPP_FACTOR_AUTHORITY = "FACTOR_WHATSAPP";

	private static final Log logger = LogFactory.getLog(NotpAuthenticationProvider.class);

	private static final int HTTP_BAD_REQUEST = 400;

	private final DescopeClient descopeClient;

	private final JwtDecoder jwtDecoder;

	private final DescopeJwtAuthenticationConverter authenticationConverter;

	/**
	 * A provider.
	 * @param descopeClient polls the pending session
	 * @param jwtDecoder validates the session JWT
	 * @param authenticationConverter builds the authentication from the JWT and user
	 */
	public NotpAuthenticationProvider(DescopeClient descopeClient, JwtDecoder jwtDecoder,
			DescopeJwtAuthenticationConverter authenticationConverter) {
		Assert.notNull(descopeClient, "descopeClient must not be null");
		Assert.notNull(jwtDecoder, "jwtDecoder must not be null");
		Assert.notNull(authenticationConverter, "authenticationConverter must not be null");
		this.descopeClient = descopeClient;
		this.jwtDecoder = jwtDecoder;
		this.authenticationConverter = authenticationConverter;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		NotpAuthenticationToken request = (NotpAuthenticationToken) authentication;
		DescopeResponse<JwtResponse> answer = this.descopeClient.getSession(request.getPendingRef());
		if (answer.isPending()) {
			throw new NotpAuthenticationPendingException();
		}
		if (answer.isTransientFailure()) {
			DescopeError error = answer.error();
			throw new DescopeUnavailableException("Descope could not complete the login now", answer.code() == 429,
					(error != null) ? error.retryAfter() : null);
		}
		if (answer.code() == HTTP_BAD_REQUEST) {
			// Descope answers a pending session once; a live flow it no longer knows was
			// redeemed by another attempt of the same browser session
			logger.debug("nOTP flow already redeemed by another completion attempt");
			throw new NotpFlowAlreadyRedeemedException();
		}
		if (!answer.ok() || answer.data() == null) {
			String code = (answer.error() != null) ? answer.error().errorCode() : null;
			logger.debug("nOTP flow ended by Descope with " + code);
			throw new NotpAuthenticationFailedException("The login expired or was not confirmed", code);
		}
		JwtResponse session = answer.data();
		if (!session.hasSessionJwt()) {
			throw new NotpAuthenticationFailedException("Descope answered no session token",
					DescopeErrorCodes.INVALID_RESPONSE);
		}
		Jwt jwt = decode(session.sessionJwt());
		DescopeAuthenticationToken result = this.authenticationConverter.convert(jwt, session.user(),
				session.refreshJwt());
		result.setDetails(request.getDetails());
		result.setLoginResponse(session);
		return result;
	}

	private Jwt decode(String sessionJwt) {
		try {
			return this.jwtDecoder.decode(sessionJwt);
		}
		catch (BadJwtException ex) {
			logger.debug("Descope's session token did not validate: " + ex.getClass().getSimpleName());
			throw new NotpAuthenticationFailedException("Descope's session token did not validate", null);
		}
		catch (JwtException ex) {
			throw new DescopeUnavailableException("Descope's signing keys could not be fetched", false, null);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return NotpAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
