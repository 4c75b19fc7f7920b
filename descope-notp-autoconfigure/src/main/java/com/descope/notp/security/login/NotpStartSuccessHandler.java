package com.descope.notp.security.login;

import java.io.IOException;

import com.descope.notp.client.NotpLinkResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a started flow, in the manner of Spring Security's
 * {@code OneTimeTokenGenerationSuccessHandler}. The default,
 * {@link DefaultNotpStartSuccessHandler}, answers {@code 200 {"pendingRef",
 * "redirectUrl", "image"}} for the login page's script; an application replaces it with
 * {@code notpLogin().startSuccessHandler(..)}, for example to render its own page with
 * the QR code.
 */
@FunctionalInterface
public interface NotpStartSuccessHandler {

	/**
	 * Answers a flow Descope started and the starter recorded for this browser session.
	 * @param request the start request
	 * @param response the response to write
	 * @param link the answer from Descope: the {@code pendingRef}, the WhatsApp link and
	 * the QR image
	 * @throws IOException when the response cannot be written
	 */
	void onStarted(HttpServletRequest request, HttpServletResponse response, NotpLinkResponse link) throws IOException;

}
