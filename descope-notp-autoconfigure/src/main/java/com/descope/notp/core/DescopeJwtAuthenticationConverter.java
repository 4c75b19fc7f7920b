package com.descope.notp.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.descope.notp.client.DescopeUser;
import com.descope.notp.jwt.DescopeGrantedAuthoritiesConverter;
import com.descope.notp.jwt.DescopeJwtClaims;
import com.descope.notp.jwt.SecondSightingAdmission;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Turns a validated session {@link Jwt} into a {@link DescopeAuthenticationToken}: the
 * principal from the Descope claims, the authorities from a replaceable converter (by
 * default {@link DescopeGrantedAuthoritiesConverter}), and the {@code FACTOR_WHATSAPP}
 * factor the tokens prove ({@link WhatsAppFactor}). Used at login (with the user Descope
 * returned), for stored sessions, and for bearer and {@code DS}-cookie requests; every
 * one of them derives the factor and its time from the tokens alone, so the same tokens
 * give the same authorities in every storage mode.
 */
public class DescopeJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	/** As many as the verified-token cache holds by default. */
	private static final int CONVERSIONS_CACHED = 10_000;

	private final Converter<Jwt, Collection<GrantedAuthority>> authoritiesConverter;

	/**
	 * Only {@link DescopeGrantedAuthoritiesConverter} itself (not a subclass) is known to
	 * map a token to the same authorities every time (its prefixes are set before use).
	 */
	private final boolean authoritiesCacheable;

	/**
	 * What {@link #convert(Jwt)} made of a {@link Jwt} instance, so a token served again
	 * from the verified-token cache (the same instance) is not mapped again; keyed by
	 * identity (weak keys), so an entry lives no longer than its token is held. Made at
	 * the first token ({@link #conversions()}), which keeps Caffeine's classes out of the
	 * application's start-up.
	 */
	private volatile @Nullable Cache<Jwt, Conversion> conversions;

	private final Object cacheLock = new Object();

	private final SecondSightingAdmission admission = new SecondSightingAdmission(CONVERSIONS_CACHED);

	/** A converter with the default authority mapping. */
	public DescopeJwtAuthenticationConverter() {
		this(new DescopeGrantedAuthoritiesConverter(), true);
	}

	/**
	 * A converter with the given authority mapping.
	 * @param authoritiesConverter maps a JWT to its authorities
	 */
	public DescopeJwtAuthenticationConverter(Converter<Jwt, Collection<GrantedAuthority>> authoritiesConverter) {
		this(authoritiesConverter, (authoritiesConverter != null)
				&& authoritiesConverter.getClass() == DescopeGrantedAuthoritiesConverter.class);
	}

	private DescopeJwtAuthenticationConverter(Converter<Jwt, Collection<GrantedAuthority>> authoritiesConverter,
			boolean authoritiesCacheable) {
		Assert.notNull(authoritiesConverter, "authoritiesConverter must not be null");
		this.authoritiesConverter = authoritiesConverter;
		this.authoritiesCacheable = authoritiesCacheable;
	}

	/**
	 * The authentication of a session JWT alone (bearer and {@code DS}-cookie requests).
	 * Each call returns a new token (filters set its details); the principal, the
	 * WhatsApp factor, and the authorities of a
	 * {@link DescopeGrantedAuthoritiesConverter}, are computed once per {@link Jwt}
	 * instance seen again (the first sighting of an instance is not remembered,
	 * {@link SecondSightingAdmission}). Any other authorities converter (a subclass
	 * included) is called every time, as it may not be a pure function of the token.
	 * @param jwt the validated session JWT
	 * @return the authentication, with the {@code FACTOR_WHATSAPP} factor when the
	 * token's {@code amr} names {@code whatsapp} ({@link WhatsAppFactor})
	 */
	@Override
	public DescopeAuthenticationToken convert(Jwt jwt) {
		Cache<Jwt, Conversion> conversions = conversions();
		Conversion conversion = conversions.getIfPresent(jwt);
		if (conversion == null) {
			conversion = convertOnce(jwt);
			// only an instance seen twice comes from the verified-token cache and may
			// come again: a fresh Jwt for every request is neither inserted nor evicts
			if (this.admission.admit(System.identityHashCode(jwt))) {
				conversions.put(jwt, conversion);
			}
		}
		Collection<GrantedAuthority> authorities = (conversion.authorities() != null) ? conversion.authorities()
				: withFactor(authorities(jwt), conversion.factor());
		return new DescopeAuthenticationToken(jwt, conversion.principal(), authorities);
	}

	private Cache<Jwt, Conversion> conversions() {
		Cache<Jwt, Conversion> conversions = this.conversions;
		if (conversions == null) {
			synchronized (this.cacheLock) {
				conversions = this.conversions;
				if (conversions == null) {
					conversions = Caffeine.newBuilder()
						.weakKeys()
						.maximumSize(CONVERSIONS_CACHED)
						.executor(Runnable::run)
						.build();
					this.conversions = conversions;
				}
			}
		}
		return conversions;
	}

	private Conversion convertOnce(Jwt jwt) {
		DescopePrincipal principal = DescopePrincipal.of(DescopeJwtClaims.from(jwt), null);
		GrantedAuthority factor = WhatsAppFactor.of(jwt, null, null);
		return new Conversion(principal,
				this.authoritiesCacheable ? List.copyOf(withFactor(authorities(jwt), factor)) : null, factor);
	}

	/**
	 * The authentication of a login: the session JWT and the user Descope returned.
	 * @param jwt the validated session JWT
	 * @param user the user, or {@code null}
	 * @return the authentication
	 */
	public DescopeAuthenticationToken convert(Jwt jwt, @Nullable DescopeUser user) {
		return convert(jwt, user, null);
	}

	/**
	 * The authentication of a login: the session JWT, the user and the refresh JWT
	 * Descope returned, the refresh JWT dating the WhatsApp confirmation
	 * ({@link WhatsAppFactor}).
	 * @param jwt the validated session JWT
	 * @param user the user, or {@code null}
	 * @param refreshJwt the login's refresh JWT, or {@code null}
	 * @return the authentication
	 */
	public DescopeAuthenticationToken convert(Jwt jwt, @Nullable DescopeUser user, @Nullable String refreshJwt) {
		return authentication(jwt, DescopePrincipal.of(DescopeJwtClaims.from(jwt), user),
				WhatsAppFactor.of(jwt, refreshJwt, null));
	}

	/**
	 * The authentication of a newer session JWT of the same user (after a refresh, or
	 * when the stored token changed), keeping the user details of the previous
	 * authentication.
	 * @param jwt the validated session JWT
	 * @param previous the authentication it replaces, or {@code null}
	 * @return the authentication
	 */
	public DescopeAuthenticationToken convert(Jwt jwt, @Nullable DescopeAuthenticationToken previous) {
		return convert(jwt, previous, null);
	}

	/**
	 * The authentication of a stored session: its session JWT and refresh JWT, keeping
	 * the user details (and, at the latest, the WhatsApp confirmation time) of the
	 * authentication it replaces when that is the same user's. Built from the same
	 * tokens, it equals the one built at login but for the user details only Descope's
	 * login answer has.
	 * @param jwt the validated session JWT
	 * @param previous the authentication it replaces, or {@code null}
	 * @param refreshJwt the session's refresh JWT, or {@code null}
	 * @return the authentication
	 */
	public DescopeAuthenticationToken convert(Jwt jwt, @Nullable DescopeAuthenticationToken previous,
			@Nullable String refreshJwt) {
		DescopeJwtClaims claims = DescopeJwtClaims.from(jwt);
		boolean sameUser = previous != null && previous.getPrincipal().userId().equals(claims.userId());
		return authentication(jwt,
				sameUser ? previous.getPrincipal().withClaims(claims) : DescopePrincipal.of(claims, null),
				WhatsAppFactor.of(jwt, refreshJwt, sameUser ? previous : null));
	}

	private DescopeAuthenticationToken authentication(Jwt jwt, DescopePrincipal principal,
			@Nullable GrantedAuthority factor) {
		return new DescopeAuthenticationToken(jwt, principal, withFactor(authorities(jwt), factor));
	}

	private Collection<GrantedAuthority> authorities(Jwt jwt) {
		Collection<GrantedAuthority> authorities = this.authoritiesConverter.convert(jwt);
		return (authorities != null) ? authorities : List.of();
	}

	private static Collection<GrantedAuthority> withFactor(Collection<GrantedAuthority> authorities,
			@Nullable GrantedAuthority factor) {
		if (factor == null) {
			return authorities;
		}
		List<GrantedAuthority> all = new ArrayList<>(authorities.size() + 1);
		for (GrantedAuthority authority : authorities) {
			if (!factor.getAuthority().equals(authority.getAuthority())) {
				all.add(authority);
			}
		}
		all.add(factor);
		return all;
	}

	private record Conversion(DescopePrincipal principal, @Nullable Collection<GrantedAuthority> authorities,
			@Nullable GrantedAuthority factor) {

	}

}
