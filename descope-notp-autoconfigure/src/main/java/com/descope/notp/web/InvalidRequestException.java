package com.descope.notp.web;

/**
 * A request field that is missing, malformed or out of range. Answered as a {@code 400}
 * {@link ProblemType#INVALID_REQUEST} naming the field; nothing is sent to Descope.
 */
public class InvalidRequestException extends RuntimeException {

	private final String field;

	/**
	 * A rejection of one field.
	 * @param field the field's name as the client sent it, for example {@code loginId} or
	 * {@code loginOptions.stepup}
	 * @param detail what is wrong, without echoing the value
	 */
	public InvalidRequestException(String field, String detail) {
		super(detail);
		this.field = field;
	}

	/**
	 * The rejected field.
	 * @return the field's name
	 */
	public String getField() {
		return this.field;
	}

}
