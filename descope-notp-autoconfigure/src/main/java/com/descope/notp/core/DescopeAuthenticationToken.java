package com.descope.notp.core;

import java.io.Serial;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import com.descope.notp.client.JwtResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * An authenticated Descope session: the validated session {@link Jwt} (so Spring's JWT
 * test support and {@code getToken()} work as with the OAuth2 resource server), the
 * {@link DescopePrincipal}, and the authorities mapped from roles, permissions and
 * tenants. Its {@code toString()} never shows the token.
 */
public class DescopeAuthenticationToken extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

	@Serial
	private static final long serialVersionUID = 1L;

	private transient @Nullable JwtResponse loginResponse;

	/**
	 * An authenticated token.
	 * @param jwt the validated session JWT
	 * @param principal the user
	 * @param authorities the granted authorities
	 */
	public DescopeAuthenticationToken(Jwt jwt, DescopePrincipal principal,
			Collection<? extends GrantedAuthority> authorities) {
		super(jwt, principal, jwt, authorities);
		setAuthenticated(true);
	}

	/**
	 * The signed-in user.
	 * @return the principal
	 */
	@Override
	public DescopePrincipal getPrincipal() {
		return (DescopePrincipal) super.getPrincipal();
	}

	/**
	 * The session JWT's claims.
	 * @return the claims
	 */
	@Override
	public Map<String, Object> getTokenAttributes() {
		return getToken().getClaims();
	}

	/**
	 * The user id.
	 * @return the user id
	 */
	@Override
	public String getName() {
		return getPrincipal().userId();
	}

	/**
	 * Descope's answer at login, with the session and refresh JWTs, for the success
	 * handler to store. Present only on the {@code Authentication} a login just produced:
	 * it is never serialized with the security context, and never shown by
	 * {@link #toString()}.
	 * @return the login response, or empty
	 */
	public Optional<JwtResponse> getLoginResponse() {
		return Optional.ofNullable(this.loginResponse);
	}

	/**
	 * Attaches Descope's login answer; see {@link #getLoginResponse()}.
	 * @param loginResponse the answer of the completed pending session
	 */
	public void setLoginResponse(@Nullable JwtResponse loginResponse) {
		this.loginResponse = loginResponse;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [Principal=" + getName() + ", Authenticated=" + isAuthenticated()
				+ ", Granted Authorities=" + getAuthorities() + ", Credentials=[PROTECTED]]";
	}

}
