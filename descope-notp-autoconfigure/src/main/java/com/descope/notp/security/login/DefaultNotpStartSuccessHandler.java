package com.descope.notp.security.login;

import java.io.IOException;

import com.descope.notp.client.NotpLinkResponse;
import com.descope.notp.security.answers.NotpLoginAnswers;
import com.descope.notp.web.JsonResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a started flow with {@code 200 {"pendingRef", "redirectUrl", "image"}}
 * ({@code image}: the base64 QR code, as Descope sends it), what the default login page's
 * script and Descope's SDKs expect.
 */
public final class DefaultNotpStartSuccessHandler implements NotpStartSuccessHandler {

	@Override
	public void onStarted(HttpServletRequest request, HttpServletResponse response, NotpLinkResponse link)
			throws IOException {
		JsonResponses.write(response, HttpServletResponse.SC_OK, NotpLoginAnswers.started(link));
	}

}
