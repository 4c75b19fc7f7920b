package com.descope.notp.web;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * Normalises a phone login id to strict E.164 ({@code +15550100100}) with Google's
 * libphonenumber, before anything is sent to Descope. Accepts the usual ways of writing a
 * number (spaces, dashes, dots, parentheses, full-width and other Unicode digits);
 * refuses letters (libphonenumber would read {@code 1-800-FLOWERS} as digits), control
 * characters, numbers of an impossible length, and national numbers when no default
 * region is configured.
 * <p>
 * libphonenumber's {@link PhoneNumberUtil} (its regular expressions, its country-code
 * map) is made at the first number rather than at start-up, unless a default region is
 * given, which is checked against it at once.
 */
public final class PhoneNumberNormalizer {

	private static final int MAX_INPUT_LENGTH = 64;

	private final @Nullable String defaultRegion;

	/**
	 * A normaliser.
	 * @param defaultRegion the ISO 3166 region of national numbers (those without
	 * {@code +}), for example {@code US}; {@code null} to require the {@code +} and
	 * country code
	 * @throws IllegalArgumentException when the region is not one libphonenumber knows
	 */
	public PhoneNumberNormalizer(@Nullable String defaultRegion) {
		if (defaultRegion != null && !Libphonenumber.UTIL.getSupportedRegions().contains(defaultRegion)) {
			throw new IllegalArgumentException("Unknown phone region '" + defaultRegion + "'");
		}
		this.defaultRegion = defaultRegion;
	}

	/**
	 * Normalises a login id.
	 * @param loginId the id as typed; {@code null} or blank means "use the WhatsApp
	 * number"
	 * @param field the field's name for errors, for example {@code loginId}
	 * @return the E.164 number, or {@code ""} for a blank id
	 * @throws InvalidRequestException when the id is not a possible phone number
	 */
	public String normalize(@Nullable String loginId, String field) {
		if (loginId == null || loginId.isBlank()) {
			return "";
		}
		if (loginId.length() > MAX_INPUT_LENGTH) {
			throw new InvalidRequestException(field, field + " is too long to be a phone number");
		}
		for (int i = 0; i < loginId.length(); i++) {
			char c = loginId.charAt(i);
			if (!(Character.isDigit(c) || Character.isSpaceChar(c)
					|| "+-().\u2010\u2011\u2012\u2013\uFF0B".indexOf(c) >= 0)) {
				throw new InvalidRequestException(field,
						field + " must be a phone number in international format, such as +15550100100");
			}
		}
		try {
			PhoneNumberUtil phoneNumbers = Libphonenumber.UTIL;
			PhoneNumber number = phoneNumbers.parse(loginId.strip(),
					(this.defaultRegion != null) ? this.defaultRegion : "ZZ");
			if (!phoneNumbers.isPossibleNumber(number)) {
				throw new InvalidRequestException(field, field + " is not a possible phone number");
			}
			return phoneNumbers.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
		}
		catch (NumberParseException ex) {
			throw new InvalidRequestException(field,
					field + " must be a phone number in international format, such as +15550100100");
		}
	}

	/**
	 * Holds libphonenumber's instance, made when this class is first used (the JVM's
	 * lazy, thread-safe class initialisation).
	 */
	private static final class Libphonenumber {

		static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

		private Libphonenumber() {
		}

	}

}
