package com.descope.notp.security.session;

import java.util.Optional;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.DescopeResponse;
import com.descope.notp.client.DescopeUser;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.core.DescopeTokens;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The current Descope user for application code: the server-side counterpart of the JS
 * SDK's {@code getUser()} and {@code refreshUser()}. In controllers,
 * {@code @AuthenticationPrincipal
 * DescopePrincipal user} gives the same principal.
 */
public class DescopeUserService {

	private final DescopeClient descopeClient;

	private final DescopeTokenRepository tokenRepository;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * A service.
	 * @param descopeClient loads the user from Descope
	 * @param tokenRepository supplies the refresh JWT {@code /v1/auth/me} needs
	 */
	public DescopeUserService(DescopeClient descopeClient, DescopeTokenRepository tokenRepository) {
		this.descopeClient = descopeClient;
		this.tokenRepository = tokenRepository;
	}

	/**
	 * The strategy the current authentication is read from.
	 * @param strategy default the global one
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
		this.securityContextHolderStrategy = strategy;
	}

	/**
	 * The signed-in user of the current request, from the validated session JWT (and the
	 * login's user details when the session keeps them).
	 * @return the user, or empty when the request is not authenticated by Descope
	 */
	public Optional<DescopePrincipal> currentUser() {
		Authentication authentication = this.securityContextHolderStrategy.getContext().getAuthentication();
		return (authentication instanceof DescopeAuthenticationToken descope) ? Optional.of(descope.getPrincipal())
				: Optional.empty();
	}

	/**
	 * Loads the signed-in user afresh from Descope ({@code GET /v1/auth/me}) with the
	 * stored refresh JWT.
	 * @param request the current request, whose stored tokens are used
	 * @return the answer from Descope: the user, or {@code ok=false} with the reason;
	 * {@code ok=false} with code {@code 401} and error code {@code G030003} when no
	 * refresh JWT is stored (a bearer-only client, or {@code persist-tokens=false})
	 */
	public DescopeResponse<DescopeUser> refreshUser(HttpServletRequest request) {
		DescopeTokens tokens = this.tokenRepository.loadTokens(request);
		if (tokens == null || tokens.refreshJwt() == null) {
			return DescopeResponse.failure(401,
					com.descope.notp.client.DescopeError.of("G030003", "No refresh token is stored for this request"));
		}
		return this.descopeClient.me(tokens.refreshJwt());
	}

}
