package com.descope.notp.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reflection hints for the records {@link DescopeClient} binds to JSON
 * ({@link DescopeClientRuntimeHints}), as the AOT engine gathers them (every registrar of
 * {@code META-INF/spring/aot.factories}): the data type of every {@code DescopeResponse}
 * a public method of the client answers, the records of a start request's body, and every
 * record they hold, each with its canonical constructor (Jackson makes records with it)
 * and its accessors (Jackson reads and writes records' components with them).
 */
class DescopeClientRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@BeforeEach
	void registerHints() {
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
	}

	@Test
	void answersWhenReadByTheClientThenEveryRecordCanBeMadeAndRead() {
		Set<Class<?>> answers = new LinkedHashSet<>();
		for (Method method : DescopeClient.class.getMethods()) {
			if (method.getReturnType() == DescopeResponse.class
					&& method.getGenericReturnType() instanceof ParameterizedType response) {
				answers.add((Class<?>) response.getActualTypeArguments()[0]);
			}
		}
		assertThat(answers).contains(JwtResponse.class, NotpLinkResponse.class, DescopeUser.class);

		assertThat(records(answers)).contains(DescopeUser.UserTenant.class).allSatisfy(this::assertBindable);
	}

	@Test
	void startBodyWhenWrittenByTheClientThenEveryRecordInItCanBeRead() {
		Set<Class<?>> members = new LinkedHashSet<>();
		for (RecordComponent component : NotpStartRequest.class.getRecordComponents()) {
			if (component.getType().isRecord()) {
				members.add(component.getType());
			}
		}
		assertThat(members).containsExactlyInAnyOrder(LoginOptions.class, SignUpUser.class);

		assertThat(records(members)).allSatisfy(this::assertBindable);
	}

	private void assertBindable(Class<?> record) {
		Class<?>[] parameters = Arrays.stream(record.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		try {
			assertThat(RuntimeHintsPredicates.reflection()
				.onConstructorInvocation(record.getDeclaredConstructor(parameters))).as(record.getName())
				.accepts(this.hints);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
		for (RecordComponent component : record.getRecordComponents()) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
				.as(record.getName() + "." + component.getName())
				.accepts(this.hints);
		}
	}

	/**
	 * The records among the given types and, recursively, those their components hold (as
	 * such, or as type arguments of lists and maps).
	 * @param types the types
	 * @return the records
	 */
	private static Set<Class<?>> records(Set<Class<?>> types) {
		Set<Class<?>> records = new LinkedHashSet<>();
		for (Class<?> type : types) {
			collect(type, records);
		}
		return records;
	}

	private static void collect(Type type, Set<Class<?>> records) {
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				collect(argument, records);
			}
		}
		else if (type instanceof Class<?> candidate && candidate.isRecord()
				&& Modifier.isPublic(candidate.getModifiers()) && records.add(candidate)) {
			for (RecordComponent component : candidate.getRecordComponents()) {
				collect(component.getGenericType(), records);
			}
		}
	}

}
