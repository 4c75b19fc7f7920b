package com.descope.notp.jwt;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Maps a Descope session JWT's roles and permissions to {@link GrantedAuthority}s:
 * <ul>
 * <li>each project role {@code r} → {@code ROLE_r}, so {@code hasRole('admin')}
 * works;</li>
 * <li>each project permission {@code p} → {@code PERMISSION_p}, for
 * {@code hasAuthority('PERMISSION_reports:read')};</li>
 * <li>each role {@code r} in tenant {@code t} → {@code TENANT_t:ROLE_r}, and each
 * permission {@code p} there → {@code TENANT_t:PERMISSION_p}.</li>
 * </ul>
 * The prefixes can be changed; replace the whole converter with a bean of type
 * {@code Converter<Jwt, Collection<GrantedAuthority>>} for other mappings.
 */
public class DescopeGrantedAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	/** The default prefix of project roles. */
	public static final String DEFAULT_ROLE_PREFIX = "ROLE_";

	/** The default prefix of project permissions. */
	public static final String DEFAULT_PERMISSION_PREFIX = "PERMISSION_";

	/**
	 * The default prefix of tenant authorities, followed by the tenant id and a colon.
	 */
	public static final String DEFAULT_TENANT_PREFIX = "TENANT_";

	private String rolePrefix = DEFAULT_ROLE_PREFIX;

	private String permissionPrefix = DEFAULT_PERMISSION_PREFIX;

	private String tenantPrefix = DEFAULT_TENANT_PREFIX;

	/**
	 * The authorities of a JWT, in the order roles, permissions, tenants.
	 * @param jwt a validated Descope session JWT
	 * @return the authorities; empty when the token carries none
	 */
	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		DescopeJwtClaims claims = DescopeJwtClaims.from(jwt);
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		claims.roles().forEach((role) -> authorities.add(new SimpleGrantedAuthority(this.rolePrefix + role)));
		claims.permissions()
			.forEach((permission) -> authorities.add(new SimpleGrantedAuthority(this.permissionPrefix + permission)));
		claims.tenants().forEach((tenantId, access) -> {
			String tenant = this.tenantPrefix + tenantId + ":";
			access.roles()
				.forEach((role) -> authorities.add(new SimpleGrantedAuthority(tenant + this.rolePrefix + role)));
			access.permissions()
				.forEach((permission) -> authorities
					.add(new SimpleGrantedAuthority(tenant + this.permissionPrefix + permission)));
		});
		return authorities;
	}

	/**
	 * Sets the prefix of role authorities. Set the prefixes before the converter is first
	 * used: a {@code DescopeJwtAuthenticationConverter} remembers the authorities it
	 * mapped for a token.
	 * @param rolePrefix default {@code ROLE_}; may be empty
	 */
	public void setRolePrefix(String rolePrefix) {
		Assert.notNull(rolePrefix, "rolePrefix must not be null");
		this.rolePrefix = rolePrefix;
	}

	/**
	 * Sets the prefix of permission authorities.
	 * @param permissionPrefix default {@code PERMISSION_}; may be empty
	 */
	public void setPermissionPrefix(String permissionPrefix) {
		Assert.notNull(permissionPrefix, "permissionPrefix must not be null");
		this.permissionPrefix = permissionPrefix;
	}

	/**
	 * Sets the prefix of tenant authorities.
	 * @param tenantPrefix default {@code TENANT_}
	 */
	public void setTenantPrefix(String tenantPrefix) {
		Assert.notNull(tenantPrefix, "tenantPrefix must not be null");
		this.tenantPrefix = tenantPrefix;
	}

}
