package com.descope.notp.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.descope.notp.client.LoginOptions;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.client.SignUpUser;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of {@code POST /login/notp} into a checked {@link NotpStartRequest}, on
 * either stack (the servlet side through {@link NotpStartRequestReader}). The body is
 * JSON or a form, with the names Descope's own bodies use:
 *
 * <pre>
 * {"loginId": "+15550100100",            // optional; empty: Descope uses the WhatsApp number
 *  "method": "sign-up-or-in",            // sign-in | sign-up | sign-up-or-in (the default)
 *  "loginOptions": {"stepup": false, "mfa": false, "customClaims": {...}, "templateId": "...",
 *                   "templateOptions": {"k": "v"}, "tenantId": "...", "revokeOtherSessions": false,
 *                   "locale": "en"},
 *  "user": {"name": "...", "givenName": "...", "middleName": "...", "familyName": "...",
 *           "email": "..."},              // sign-up only
 *  "providerId": "..."}
 * </pre>
 *
 * A form uses the same names, with dots for nested ones ({@code loginOptions.locale},
 * {@code user.name}); {@code customClaims} and {@code templateOptions} are JSON only.
 * Every rejection is an {@link InvalidRequestException} naming the field.
 */
public final class NotpStartRequestParser {

	private static final int MAX_NAME = 256;

	private static final int MAX_ID = 128;

	private static final int MAX_MAP_ENTRIES = 32;

	private static final int MAX_CLAIMS_BYTES = 4096;

	private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PhoneNumberNormalizer phoneNumbers;

	private final NotpMethod defaultMethod;

	/**
	 * A reader.
	 * @param phoneNumbers normalises {@code loginId}
	 * @param defaultMethod the method when the body names none
	 */
	public NotpStartRequestParser(PhoneNumberNormalizer phoneNumbers, NotpMethod defaultMethod) {
		this.phoneNumbers = phoneNumbers;
		this.defaultMethod = defaultMethod;
	}

	/**
	 * Reads and checks a start request.
	 * @param request the request's fields, JSON or form
	 * @return the checked request, with {@code loginId} in E.164 or empty
	 * @throws InvalidRequestException when a field is missing, malformed or out of range
	 * @throws IOException when the body cannot be read
	 */
	public NotpStartRequest parse(RequestFields request) throws IOException {
		request.requireJsonOrForm();
		return request.isJson() ? readJson(request.readObject()) : readForm(request);
	}

	private NotpStartRequest readJson(JsonNode body) {
		NotpMethod method = method(JsonBodies.string(body, "method", "method", 32));
		String loginId = this.phoneNumbers.normalize(JsonBodies.string(body, "loginId", "loginId", 64), "loginId");
		LoginOptions options = LoginOptions.NONE;
		JsonNode optionsNode = body.get("loginOptions");
		if (optionsNode != null && !optionsNode.isNull()) {
			if (!optionsNode.isObject()) {
				throw new InvalidRequestException("loginOptions", "loginOptions must be an object");
			}
			options = new LoginOptions(JsonBodies.bool(optionsNode, "stepup", "loginOptions.stepup"),
					JsonBodies.bool(optionsNode, "mfa", "loginOptions.mfa"),
					customClaims(optionsNode.get("customClaims")), templateOptions(optionsNode.get("templateOptions")),
					JsonBodies.string(optionsNode, "templateId", "loginOptions.templateId", MAX_ID),
					JsonBodies.string(optionsNode, "tenantId", "loginOptions.tenantId", MAX_ID),
					JsonBodies.bool(optionsNode, "revokeOtherSessions", "loginOptions.revokeOtherSessions"), null,
					JsonBodies.string(optionsNode, "locale", "loginOptions.locale", 35));
		}
		SignUpUser user = null;
		JsonNode userNode = body.get("user");
		if (userNode != null && !userNode.isNull()) {
			if (!userNode.isObject()) {
				throw new InvalidRequestException("user", "user must be an object");
			}
			user = user(JsonBodies.string(userNode, "name", "user.name", MAX_NAME),
					JsonBodies.string(userNode, "givenName", "user.givenName", MAX_NAME),
					JsonBodies.string(userNode, "middleName", "user.middleName", MAX_NAME),
					JsonBodies.string(userNode, "familyName", "user.familyName", MAX_NAME),
					JsonBodies.string(userNode, "email", "user.email", MAX_NAME), loginId);
		}
		return checked(new NotpStartRequest(method, loginId, options, user,
				JsonBodies.string(body, "providerId", "providerId", MAX_ID)));
	}

	private NotpStartRequest readForm(RequestFields request) {
		NotpMethod method = method(param(request, "method", 32));
		String loginId = this.phoneNumbers.normalize(param(request, "loginId", 64), "loginId");
		LoginOptions options = new LoginOptions(JsonBodies.bool(param(request, "loginOptions.stepup", 8),
				"loginOptions.stepup"), JsonBodies.bool(param(request, "loginOptions.mfa", 8), "loginOptions.mfa"),
				null, null, param(request, "loginOptions.templateId", MAX_ID),
				param(request, "loginOptions.tenantId", MAX_ID), RequestBodies
					.bool(param(request, "loginOptions.revokeOtherSessions", 8), "loginOptions.revokeOtherSessions"),
				null, param(request, "loginOptions.locale", 35));
		SignUpUser user = user(param(request, "user.name", MAX_NAME), param(request, "user.givenName", MAX_NAME),
				param(request, "user.middleName", MAX_NAME), param(request, "user.familyName", MAX_NAME),
				param(request, "user.email", MAX_NAME), loginId);
		return checked(new NotpStartRequest(method, loginId, options, user, param(request, "providerId", MAX_ID)));
	}

	private NotpStartRequest checked(NotpStartRequest request) {
		String locale = request.loginOptions().locale();
		if (locale != null && !LOCALE.matcher(locale).matches()) {
			throw new InvalidRequestException("loginOptions.locale",
					"loginOptions.locale must be a language tag such as en or pt-BR");
		}
		if (request.method() != NotpMethod.SIGN_IN && request.loginOptions().requiresRefreshJwt()) {
			throw new InvalidRequestException("loginOptions.stepup", "stepup and mfa apply to the sign-in method only");
		}
		return (request.method() == NotpMethod.SIGN_UP) ? request : new NotpStartRequest(request.method(),
				request.loginId(), request.loginOptions(), null, request.providerId());
	}

	private NotpMethod method(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return this.defaultMethod;
		}
		NotpMethod method = NotpMethod.fromValue(value);
		if (method == null) {
			throw new InvalidRequestException("method", "method must be sign-in, sign-up or sign-up-or-in");
		}
		return method;
	}

	private static @Nullable SignUpUser user(@Nullable String name, @Nullable String givenName,
			@Nullable String middleName, @Nullable String familyName, @Nullable String email, String loginId) {
		if (email != null && !email.isBlank() && !EMAIL.matcher(email.strip()).matches()) {
			throw new InvalidRequestException("user.email", "user.email is not an email address");
		}
		if (blank(name) && blank(givenName) && blank(middleName) && blank(familyName) && blank(email)) {
			return null;
		}
		return new SignUpUser(trimmed(name), trimmed(givenName), trimmed(middleName), trimmed(familyName),
				loginId.isEmpty() ? null : loginId, trimmed(email));
	}

	private static @Nullable Map<String, Object> customClaims(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			throw new InvalidRequestException("loginOptions.customClaims",
					"loginOptions.customClaims must be an object");
		}
		if (node.size() > MAX_MAP_ENTRIES || JSON.writeValueAsBytes(node).length > MAX_CLAIMS_BYTES) {
			throw new InvalidRequestException("loginOptions.customClaims",
					"loginOptions.customClaims must have at most " + MAX_MAP_ENTRIES + " members and "
							+ MAX_CLAIMS_BYTES + " bytes");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> claims = JSON.treeToValue(node, LinkedHashMap.class);
		return claims;
	}

	private static @Nullable Map<String, String> templateOptions(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isObject() || node.size() > MAX_MAP_ENTRIES) {
			throw new InvalidRequestException("loginOptions.templateOptions",
					"loginOptions.templateOptions must be an object of at most " + MAX_MAP_ENTRIES + " strings");
		}
		Map<String, String> options = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (!entry.getValue().isString()) {
				throw new InvalidRequestException("loginOptions.templateOptions",
						"loginOptions.templateOptions."
								+ JsonBodies.checkText(entry.getKey(), "loginOptions.templateOptions", 64)
								+ " must be a string");
			}
			options.put(JsonBodies.checkText(entry.getKey(), "loginOptions.templateOptions", 64),
					JsonBodies.checkText(entry.getValue().asString(), "loginOptions.templateOptions", 512));
		}
		return options;
	}

	private static @Nullable String param(RequestFields request, String name, int maxLength) {
		return request.param(name, maxLength);
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static @Nullable String trimmed(@Nullable String value) {
		return blank(value) ? null : value.strip();
	}

}
