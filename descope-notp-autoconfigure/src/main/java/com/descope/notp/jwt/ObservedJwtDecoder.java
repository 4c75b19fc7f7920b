package com.descope.notp.jwt;

import com.descope.notp.observation.DescopeObservationContext;
import com.descope.notp.observation.DescopeObservationConvention;
import com.descope.notp.observation.DescopeObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Observes each validation of its delegate as {@code descope.token.validation}
 * ({@link DescopeObservationDocumentation#TOKEN_VALIDATION}): {@code verified},
 * {@code refused} or {@code unavailable} with the exception's simple class name as the
 * reason, and {@code cached} when the {@link CachingJwtDecoder} behind it answered from
 * its cache (it marks the observation in scope, {@link #markCached}). The token never
 * reaches the context. {@link DescopeJwtDecoderBuilder} places it inside the size limit,
 * around the rest.
 */
final class ObservedJwtDecoder implements JwtDecoder, VerifiedTokenLookup {

	private final JwtDecoder delegate;

	private final ObservationRegistry registry;

	private final @Nullable DescopeObservationConvention convention;

	ObservedJwtDecoder(JwtDecoder delegate, ObservationRegistry registry,
			@Nullable DescopeObservationConvention convention) {
		this.delegate = delegate;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Jwt decode(@Nullable String token) throws JwtException {
		DescopeObservationContext context = new DescopeObservationContext(
				DescopeObservationDocumentation.TOKEN_VALIDATION);
		Observation observation = DescopeObservationDocumentation.TOKEN_VALIDATION
			.create(this.convention, context, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			Jwt jwt = this.delegate.decode(token);
			if (context.getOutcome() == null) {
				context.setOutcome("verified");
			}
			return jwt;
		}
		catch (BadJwtException ex) {
			context.setOutcome("refused");
			context.setReason(ex.getClass().getSimpleName());
			throw ex;
		}
		catch (JwtException ex) {
			context.setOutcome("unavailable");
			context.setReason(ex.getClass().getSimpleName());
			observation.error(ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			context.setOutcome("error");
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * The delegate's cached answer, observed as a {@code cached} validation when there is
	 * one; a miss is not observed here, since the caller then decodes the token, which
	 * is.
	 */
	@Override
	public @Nullable Jwt verified(@Nullable String token) {
		if (!(this.delegate instanceof VerifiedTokenLookup lookup)) {
			return null;
		}
		Jwt jwt = lookup.verified(token);
		if (jwt != null) {
			// made after the look-up, for a hit only: a map read's duration is noise
			DescopeObservationContext context = new DescopeObservationContext(
					DescopeObservationDocumentation.TOKEN_VALIDATION);
			context.setOutcome("cached");
			DescopeObservationDocumentation.TOKEN_VALIDATION.create(this.convention, context, this.registry)
				.start()
				.stop();
		}
		return jwt;
	}

	/**
	 * Marks the token validation observed on this thread, if any, as answered from the
	 * verified-token cache.
	 * @param registry the registry the observation was made with
	 */
	static void markCached(ObservationRegistry registry) {
		Observation current = registry.getCurrentObservation();
		if (current != null && current.getContext() instanceof DescopeObservationContext context
				&& context.getOperation() == DescopeObservationDocumentation.TOKEN_VALIDATION) {
			context.setOutcome("cached");
		}
	}

}
