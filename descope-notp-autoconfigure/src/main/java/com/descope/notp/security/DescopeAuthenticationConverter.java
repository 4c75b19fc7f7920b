package com.descope.notp.security;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import com.descope.notp.client.DescopeUser;
import com.descope.notp.jwt.DescopeGrantedAuthoritiesConverter;
import com.descope.notp.jwt.DescopeJwtClaims;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Turns a validated session {@link Jwt} into a {@link DescopeAuthenticationToken}: the principal
 * from the Descope claims, the authorities from a replaceable converter (by default
 * {@link DescopeGrantedAuthoritiesConverter}). Used for bearer and {@code DS}-cookie requests, and
 * at login with the user Descope returned.
 */
public class DescopeAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final Converter<Jwt, Collection<GrantedAuthority>> authoritiesConverter;

	/** A converter with the default authority mapping. */
	public DescopeAuthenticationConverter() {
		this(new DescopeGrantedAuthoritiesConverter());
	}

	/**
	 * A converter with the given authority mapping.
	 * @param authoritiesConverter maps a JWT to its authorities
	 */
	public DescopeAuthenticationConverter(Converter<Jwt, Collection<GrantedAuthority>> authoritiesConverter) {
		Assert.notNull(authoritiesConverter, "authoritiesConverter must not be null");
		this.authoritiesConverter = authoritiesConverter;
	}

	@Override
	public DescopeAuthenticationToken convert(Jwt jwt) {
		return authentication(jwt, DescopePrincipal.of(DescopeJwtClaims.from(jwt), null));
	}

	/**
	 * The authentication of a session JWT and, at login, the user Descope returned.
	 * @param jwt the validated session JWT
	 * @param user the user, or {@code null}
	 * @return the authentication
	 */
	public DescopeAuthenticationToken convert(Jwt jwt, @Nullable DescopeUser user) {
		return authentication(jwt, DescopePrincipal.of(DescopeJwtClaims.from(jwt), user));
	}

	/**
	 * The authentication of a newer session JWT of the same user (after a refresh, or when the
	 * stored token changed), keeping the user details of the previous authentication.
	 * @param jwt the validated session JWT
	 * @param previous the authentication it replaces, or {@code null}
	 * @return the authentication
	 */
	public DescopeAuthenticationToken convert(Jwt jwt, @Nullable DescopeAuthenticationToken previous) {
		DescopeJwtClaims claims = DescopeJwtClaims.from(jwt);
		boolean sameUser = previous != null && previous.getPrincipal().userId().equals(claims.userId());
		return authentication(jwt, sameUser ? previous.getPrincipal().withClaims(claims) : DescopePrincipal.of(claims, null));
	}

	private DescopeAuthenticationToken authentication(Jwt jwt, DescopePrincipal principal) {
		Collection<GrantedAuthority> authorities = this.authoritiesConverter.convert(jwt);
		return new DescopeAuthenticationToken(jwt, principal, (authorities != null) ? authorities : java.util.List.of());
	}

}
