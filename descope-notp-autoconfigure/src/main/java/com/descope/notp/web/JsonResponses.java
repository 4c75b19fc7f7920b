package com.descope.notp.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * Writes the JSON bodies of the starter's endpoints straight to the servlet response,
 * with {@code Cache-Control: no-store} since they may carry a {@code pendingRef} or
 * tokens.
 */
public final class JsonResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonResponses() {
	}

	/**
	 * Writes a JSON body.
	 * @param response the response
	 * @param status the HTTP status
	 * @param body a map or record; {@code null} members are written as {@code null}
	 * @throws IOException when the response cannot be written
	 */
	public static void write(HttpServletResponse response, int status, Object body) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
		response.flushBuffer();
	}

}
