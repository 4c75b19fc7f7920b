package com.descope.notp.security.login;

import java.io.IOException;

import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.web.InvalidRequestException;
import com.descope.notp.web.LastAuthenticatedUser;
import com.descope.notp.web.LastAuthenticatedUserCookies;
import com.descope.notp.web.NotpStartRequestReader;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.Assert;

/**
 * Reads the start request from the JSON or form body ({@link NotpStartRequestReader}:
 * every field checked, phone numbers normalised to E.164). The default page's "continue
 * as" sends {@code lastUser=true} in place of the number, which it never sees in full;
 * the number then comes from the {@link LastAuthenticatedUser} cookie.
 */
public final class DefaultNotpStartRequestResolver implements NotpStartRequestResolver {

	private final NotpStartRequestReader reader;

	/**
	 * A resolver.
	 * @param reader reads and checks the body
	 */
	public DefaultNotpStartRequestResolver(NotpStartRequestReader reader) {
		Assert.notNull(reader, "reader must not be null");
		this.reader = reader;
	}

	@Override
	public NotpStartRequest resolve(HttpServletRequest request) throws IOException {
		NotpStartRequest start = this.reader.read(request);
		if (!start.loginId().isEmpty() || !"true".equals(request.getParameter("lastUser"))) {
			return start;
		}
		LastAuthenticatedUser last = LastAuthenticatedUserCookies.load(request);
		if (last == null) {
			throw new InvalidRequestException("lastUser", "No last user is remembered on this browser");
		}
		return new NotpStartRequest(start.method(), last.loginId(), start.loginOptions(), start.user(),
				start.providerId());
	}

}
