package com.descope.notp.web;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * libphonenumber's metadata for a native image: {@code PhoneNumberUtil}, which
 * {@link PhoneNumberNormalizer} and the start limits use, reads one class path resource
 * per region and per non-geographic calling code, {@value #METADATA_PATTERN}, the first
 * time a number of that region is parsed. The short-number and alternate-format files
 * beside them are not registered: the starter uses neither {@code ShortNumberInfo} nor
 * {@code PhoneNumberMatcher}. Registered in {@code META-INF/spring/aot.factories}.
 */
class PhoneNumberRuntimeHints implements RuntimeHintsRegistrar {

	/** The metadata files {@code PhoneNumberUtil} reads. */
	static final String METADATA_PATTERN = "com/google/i18n/phonenumbers/data/PhoneNumberMetadataProto_*";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(METADATA_PATTERN);
	}

}
