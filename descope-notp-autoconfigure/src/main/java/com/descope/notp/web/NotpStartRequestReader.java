package com.descope.notp.web;

import java.io.IOException;

import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the body of {@code POST /login/notp} of a servlet request into a checked
 * {@link NotpStartRequest}: the rules are {@link NotpStartRequestParser}'s, shared with
 * the reactive side. Every rejection is an {@link InvalidRequestException} naming the
 * field.
 */
public final class NotpStartRequestReader {

	private final NotpStartRequestParser parser;

	/**
	 * A reader.
	 * @param phoneNumbers normalises {@code loginId}
	 * @param defaultMethod the method when the body names none
	 */
	public NotpStartRequestReader(PhoneNumberNormalizer phoneNumbers, NotpMethod defaultMethod) {
		this.parser = new NotpStartRequestParser(phoneNumbers, defaultMethod);
	}

	/**
	 * Reads and checks a start request.
	 * @param request the HTTP request, JSON or form
	 * @return the checked request, with {@code loginId} in E.164 or empty
	 * @throws InvalidRequestException when a field is missing, malformed or out of range
	 * @throws IOException when the body cannot be read
	 */
	public NotpStartRequest read(HttpServletRequest request) throws IOException {
		return this.parser.parse(new ServletRequestFields(request));
	}

}
