package com.descope.notp.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The {@code user} object of a nOTP sign-up (Descope's {@code SignUpUser},
 * {@code docs/descope-protocol.md}, "Calls the client makes"). Absent fields are omitted
 * on the wire. Its {@code toString()} shows none of the details.
 *
 * @param name the display name
 * @param givenName the given name
 * @param middleName the middle name
 * @param familyName the family name
 * @param phone the phone number in E.164
 * @param email the email address
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignUpUser(@Nullable String name, @Nullable String givenName, @Nullable String middleName,
		@Nullable String familyName, @Nullable String phone, @Nullable String email) {

	@Override
	public String toString() {
		return "SignUpUser[PROTECTED]";
	}

}
