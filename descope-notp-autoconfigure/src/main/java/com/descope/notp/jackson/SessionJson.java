package com.descope.notp.jackson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.descope.notp.client.NotpMethod;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.PendingFlow;
import com.descope.notp.jwt.DescopeJwtClaims.TenantAuthorization;
import com.descope.notp.jwt.StoredSessionJwts;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.WritableTypeId;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The JSON of the starter's session types ({@link DescopeJacksonModule}): each a plain
 * object of its own members, with the type id its mixin asks for written around it.
 */
final class SessionJson {

	private SessionJson() {
	}

	private static void writePrincipal(DescopePrincipal principal, JsonGenerator gen) {
		gen.writeStringProperty("userId", principal.userId());
		writeStrings(gen, "loginIds", principal.loginIds());
		writeString(gen, "name", principal.name());
		writeString(gen, "phone", principal.phone());
		writeString(gen, "email", principal.email());
		writeStrings(gen, "roles", principal.roles());
		writeStrings(gen, "permissions", principal.permissions());
		gen.writeName("tenants");
		gen.writeStartObject();
		for (Map.Entry<String, TenantAuthorization> tenant : principal.tenants().entrySet()) {
			gen.writeName(tenant.getKey());
			gen.writeStartObject();
			writeStrings(gen, "roles", tenant.getValue().roles());
			writeStrings(gen, "permissions", tenant.getValue().permissions());
			gen.writeEndObject();
		}
		gen.writeEndObject();
		writeStrings(gen, "authenticationMethods", principal.authenticationMethods());
		gen.writeBooleanProperty("steppedUp", principal.steppedUp());
	}

	private static DescopePrincipal readPrincipal(JsonNode node) {
		Map<String, TenantAuthorization> tenants = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> tenant : node.path("tenants").properties()) {
			tenants.put(tenant.getKey(), new TenantAuthorization(strings(tenant.getValue(), "roles"),
					strings(tenant.getValue(), "permissions")));
		}
		return new DescopePrincipal(required(node, "userId"), strings(node, "loginIds"), string(node, "name"),
				string(node, "phone"), string(node, "email"), strings(node, "roles"), strings(node, "permissions"),
				Map.copyOf(tenants), strings(node, "authenticationMethods"), node.path("steppedUp").asBoolean(false));
	}

	private static void writeString(JsonGenerator gen, String name, @Nullable String value) {
		if (value != null) {
			gen.writeStringProperty(name, value);
		}
	}

	private static void writeInstant(JsonGenerator gen, String name, @Nullable Instant value) {
		if (value != null) {
			gen.writeStringProperty(name, value.toString());
		}
	}

	private static void writeStrings(JsonGenerator gen, String name, Collection<String> values) {
		gen.writeName(name);
		gen.writeStartArray();
		for (String value : values) {
			gen.writeString(value);
		}
		gen.writeEndArray();
	}

	private static @Nullable String string(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static String required(JsonNode node, String name) {
		String value = string(node, name);
		if (value == null) {
			throw new IllegalArgumentException("The stored session value has no " + name);
		}
		return value;
	}

	private static @Nullable Instant instant(JsonNode node, String name) {
		String value = string(node, name);
		return (value != null) ? Instant.parse(value) : null;
	}

	private static Instant requiredInstant(JsonNode node, String name) {
		return Instant.parse(required(node, name));
	}

	private static List<String> strings(JsonNode node, String name) {
		List<String> values = new ArrayList<>();
		for (JsonNode value : node.path(name)) {
			values.add(value.asString());
		}
		return List.copyOf(values);
	}

	/**
	 * Writes the members of an object; the type id, when asked for, around them.
	 *
	 * @param <T> the type written
	 */
	abstract static class ObjectSerializer<T> extends StdSerializer<T> {

		ObjectSerializer(Class<T> type) {
			super(type);
		}

		@Override
		public void serialize(T value, JsonGenerator gen, SerializationContext context) {
			gen.writeStartObject(value);
			writeMembers(value, gen, context);
			gen.writeEndObject();
		}

		@Override
		public void serializeWithType(T value, JsonGenerator gen, SerializationContext context,
				TypeSerializer typeSerializer) {
			WritableTypeId typeId = typeSerializer.writeTypePrefix(gen, context,
					typeSerializer.typeId(value, JsonToken.START_OBJECT));
			writeMembers(value, gen, context);
			typeSerializer.writeTypeSuffix(gen, context, typeId);
		}

		abstract void writeMembers(T value, JsonGenerator gen, SerializationContext context);

	}

	/**
	 * Reads an object's members from its tree.
	 *
	 * @param <T> the type read
	 */
	abstract static class ObjectDeserializer<T> extends StdDeserializer<T> {

		ObjectDeserializer(Class<T> type) {
			super(type);
		}

		@Override
		public T deserialize(JsonParser parser, DeserializationContext context) {
			JsonNode node = context.readTree(parser);
			return read(node, context);
		}

		abstract T read(JsonNode node, DeserializationContext context);

	}

	static final class TokensSerializer extends ObjectSerializer<DescopeTokens> {

		TokensSerializer() {
			super(DescopeTokens.class);
		}

		@Override
		void writeMembers(DescopeTokens tokens, JsonGenerator gen, SerializationContext context) {
			writeString(gen, "sessionJwt", tokens.sessionJwt());
			writeString(gen, "refreshJwt", tokens.refreshJwt());
			writeInstant(gen, "sessionExpiresAt", tokens.sessionExpiresAt());
			writeInstant(gen, "refreshExpiresAt", tokens.refreshExpiresAt());
			writeString(gen, "cookieDomain", tokens.cookieDomain());
			writeString(gen, "cookiePath", tokens.cookiePath());
		}

	}

	static final class TokensDeserializer extends ObjectDeserializer<DescopeTokens> {

		TokensDeserializer() {
			super(DescopeTokens.class);
		}

		@Override
		DescopeTokens read(JsonNode node, DeserializationContext context) {
			return new DescopeTokens(string(node, "sessionJwt"), string(node, "refreshJwt"),
					instant(node, "sessionExpiresAt"), instant(node, "refreshExpiresAt"), string(node, "cookieDomain"),
					string(node, "cookiePath"));
		}

	}

	static final class FlowSerializer extends ObjectSerializer<PendingFlow> {

		FlowSerializer() {
			super(PendingFlow.class);
		}

		@Override
		void writeMembers(PendingFlow flow, JsonGenerator gen, SerializationContext context) {
			writeString(gen, "pendingRef", flow.pendingRef());
			writeString(gen, "method", flow.method().name());
			writeInstant(gen, "createdAt", flow.createdAt());
			writeInstant(gen, "expiresAt", flow.expiresAt());
			writeInstant(gen, "claimedAt", flow.claimedAt());
			writeInstant(gen, "redeemedAt", flow.redeemedAt());
			writeInstant(gen, "polledAt", flow.polledAt());
		}

	}

	static final class FlowDeserializer extends ObjectDeserializer<PendingFlow> {

		FlowDeserializer() {
			super(PendingFlow.class);
		}

		@Override
		PendingFlow read(JsonNode node, DeserializationContext context) {
			return new PendingFlow(required(node, "pendingRef"), NotpMethod.valueOf(required(node, "method")),
					requiredInstant(node, "createdAt"), requiredInstant(node, "expiresAt"), instant(node, "claimedAt"),
					instant(node, "redeemedAt"), instant(node, "polledAt"));
		}

	}

	static final class PrincipalSerializer extends ObjectSerializer<DescopePrincipal> {

		PrincipalSerializer() {
			super(DescopePrincipal.class);
		}

		@Override
		void writeMembers(DescopePrincipal principal, JsonGenerator gen, SerializationContext context) {
			writePrincipal(principal, gen);
		}

	}

	static final class PrincipalDeserializer extends ObjectDeserializer<DescopePrincipal> {

		PrincipalDeserializer() {
			super(DescopePrincipal.class);
		}

		@Override
		DescopePrincipal read(JsonNode node, DeserializationContext context) {
			return readPrincipal(node);
		}

	}

	static final class JwtSerializer extends ObjectSerializer<Jwt> {

		JwtSerializer() {
			super(Jwt.class);
		}

		@Override
		void writeMembers(Jwt jwt, JsonGenerator gen, SerializationContext context) {
			gen.writeStringProperty("tokenValue", jwt.getTokenValue());
		}

	}

	static final class JwtDeserializer extends ObjectDeserializer<Jwt> {

		JwtDeserializer() {
			super(Jwt.class);
		}

		@Override
		Jwt read(JsonNode node, DeserializationContext context) {
			return StoredSessionJwts.read(required(node, "tokenValue"));
		}

	}

	/**
	 * {@code {"principal": {...}, "token": "<compact session JWT>", "authorities":
	 * [typed], "details": typed, "authenticated": true}}: the principal and token plain,
	 * the authorities and details with the type ids Spring Security's modules give them.
	 */
	static final class AuthenticationSerializer extends ObjectSerializer<DescopeAuthenticationToken> {

		AuthenticationSerializer() {
			super(DescopeAuthenticationToken.class);
		}

		@Override
		void writeMembers(DescopeAuthenticationToken authentication, JsonGenerator gen, SerializationContext context) {
			gen.writeName("principal");
			gen.writeStartObject();
			writePrincipal(authentication.getPrincipal(), gen);
			gen.writeEndObject();
			gen.writeStringProperty("token", authentication.getToken().getTokenValue());
			gen.writeName("authorities");
			JavaType authorities = context.getTypeFactory()
				.constructCollectionType(ArrayList.class, GrantedAuthority.class);
			context.findTypedValueSerializer(authorities, true)
				.serialize(new ArrayList<>(authentication.getAuthorities()), gen, context);
			Object details = authentication.getDetails();
			gen.writeName("details");
			if (details == null) {
				gen.writeNull();
			}
			else {
				context.findTypedValueSerializer(details.getClass(), true).serialize(details, gen, context);
			}
			gen.writeBooleanProperty("authenticated", authentication.isAuthenticated());
		}

	}

	static final class AuthenticationDeserializer extends ObjectDeserializer<DescopeAuthenticationToken> {

		AuthenticationDeserializer() {
			super(DescopeAuthenticationToken.class);
		}

		@Override
		DescopeAuthenticationToken read(JsonNode node, DeserializationContext context) {
			DescopePrincipal principal = readPrincipal(node.path("principal"));
			Jwt jwt = StoredSessionJwts.read(required(node, "token"));
			JavaType authoritiesType = context.getTypeFactory()
				.constructCollectionType(ArrayList.class, GrantedAuthority.class);
			List<GrantedAuthority> authorities = context.readTreeAsValue(node.path("authorities"), authoritiesType);
			DescopeAuthenticationToken authentication = new DescopeAuthenticationToken(jwt, principal,
					(authorities != null) ? authorities : List.of());
			JsonNode details = node.path("details");
			if (!details.isMissingNode() && !details.isNull()) {
				authentication.setDetails(context.readTreeAsValue(details, Object.class));
			}
			if (!node.path("authenticated").asBoolean(true)) {
				authentication.setAuthenticated(false);
			}
			return authentication;
		}

	}

}
