package com.descope.notp.security.session;

import java.io.IOException;

import com.descope.notp.core.RefreshResult;
import com.descope.notp.web.DescopeCallProblems;
import com.descope.notp.web.DescopeFailureProblems;
import com.descope.notp.web.ProblemDetailsWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The answer to a refresh Descope could not make now, shared by the filters that refresh:
 * a {@code 503} (or {@code 429}) with {@code Retry-After} from Descope's failed answer,
 * or a {@code 503} when its keys could not be fetched to check the new session JWT.
 */
final class RefreshProblems {

	private RefreshProblems() {
	}

	static void writeUnavailable(ProblemDetailsWriter problems, HttpServletRequest request,
			HttpServletResponse response, RefreshResult.Unavailable unavailable) throws IOException {
		if (unavailable.answer() != null) {
			DescopeFailureProblems.write(problems, request, response, unavailable.answer(), true);
			return;
		}
		problems.write(request, response, DescopeCallProblems.SESSION_TOKEN_UNCHECKED);
	}

}
