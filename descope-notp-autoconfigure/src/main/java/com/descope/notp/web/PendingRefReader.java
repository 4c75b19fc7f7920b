package com.descope.notp.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the {@code pendingRef} of {@code POST /login/notp/session} from a servlet
 * request: the rules are {@link PendingRefParser}'s, shared with the reactive side.
 */
public final class PendingRefReader {

	/** The longest {@code pendingRef} accepted. */
	public static final int MAX_LENGTH = PendingRefParser.MAX_LENGTH;

	private final PendingRefParser parser = new PendingRefParser();

	/**
	 * Reads and checks the {@code pendingRef} ({@link PendingRefParser#parse}).
	 * @param request the request, JSON or form
	 * @return the {@code pendingRef}
	 * @throws InvalidRequestException (field {@code pendingRef}, {@code body},
	 * {@code query} or {@code Content-Type}) as {@link PendingRefParser#parse} says
	 * @throws IOException when the body cannot be read
	 */
	public String read(HttpServletRequest request) throws IOException {
		return this.parser.parse(new ServletRequestFields(request));
	}

}
